using DepHealth.Core.Auth;
using DepHealth.Core.Storage;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Storage.Tests;

/// <summary>The anonymous limit: 20 per hour per IP, exact under concurrency, failing closed.</summary>
public sealed class DemoLimiterTests(DynamoFixture db) : IClassFixture<DynamoFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 10, 15, 0, TimeSpan.Zero));

    [Fact]
    public async Task Admits_exactly_20_per_hour_per_ip_under_concurrency_then_again_next_hour()
    {
        var limiter = new DemoLimiter(db.Direct, _time);
        var decisions = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => limiter.TryConsumeAsync("198.51.100.7").AsTask()));

        Assert.Equal(20, decisions.Count(d => d.Allowed));
        Assert.All(decisions, d => Assert.Equal(new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero), d.ResetsAt));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), decisions.Where(d => d.Allowed).Select(d => d.Used).Order());
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.Equal(0, d.Remaining));

        // Another IP has its own counter.
        Assert.True((await limiter.TryConsumeAsync("198.51.100.8")).Allowed);

        _time.Advance(TimeSpan.FromMinutes(44));
        Assert.False((await limiter.TryConsumeAsync("198.51.100.7")).Allowed);
        _time.Advance(TimeSpan.FromMinutes(1)); // 11:00
        var next = await limiter.TryConsumeAsync("198.51.100.7");
        Assert.True(next.Allowed);
        Assert.Equal((1L, 19L), (next.Used, next.Remaining));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), next.ResetsAt);
    }

    [Fact]
    public async Task Store_failure_is_a_refusal()
    {
        var dead = db.Settings with { ServiceUrl = $"http://127.0.0.1:{FreePort.Next()}", MaxErrorRetry = 0, RequestTimeout = TimeSpan.FromSeconds(2) };
        using var clients = new DynamoDbClientProvider(dead);
        var decision = await new DemoLimiter(clients, _time).TryConsumeAsync("198.51.100.9");
        Assert.False(decision.Allowed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Missing_source_ip_is_refused_without_a_request(string ip)
    {
        db.Proxy.ResetCounters();
        Assert.False((await new DemoLimiter(db.ProxiedClients, _time).TryConsumeAsync(ip)).Allowed);
        Assert.Equal(0, db.Proxy.TotalRequests);
    }
}
