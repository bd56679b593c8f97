using System.Net;
using DepHealth.Core.Api;
using static DepHealth.Api.Tests.Http.ServerFixture;

namespace DepHealth.Api.Tests.Http;

/// <summary>Demo mode over real HTTP, on a server of its own so no other test spends 127.0.0.1's hourly budget.</summary>
[Trait("Category", "Http")]
public sealed class DemoModeTests(DemoServerFixture server) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task Twenty_demo_requests_per_hour_then_429_and_bad_input_costs_none_of_them()
    {
        // Bad input first: it must not use the demo budget.
        foreach (var path in new[] { "/v1/packages/npm/%7B%22%24gt%22%3A%22%22%7D", "/v1/packages/cargo/serde", "/v1/packages/npm/..%2F..%2Fetc%2Fpasswd" })
        {
            using var bad = await server.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        for (var i = 1; i <= 20; i++)
        {
            // An invalid key is demo mode too, not a 401.
            using var ok = await server.GetAsync("/v1/packages/npm/vite", key: i == 5 ? "dh_invalid" : null);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("true", ok.Headers.GetValues("X-Demo-Mode").Single());
            Assert.Equal((20 - i).ToString(), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using var denied = await server.GetAsync("/v1/packages/npm/vite");
        Assert.Equal((HttpStatusCode)429, denied.StatusCode);
        Assert.Equal(ErrorCodes.DemoRateLimitExceeded, await ErrorCodeAsync(denied));
        Assert.Equal(TimeSpan.FromHours(1), denied.Headers.RetryAfter?.Delta);
        var error = (await JsonAsync(denied)).GetProperty("error");
        Assert.True(error.TryGetProperty("signup_url", out _));

        // A valid key is unaffected by the demo limit.
        using var keyed = await server.GetAsync("/v1/packages/npm/vite", server.FreeKey);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }
}
