using DepHealth.Core.Api;
using static DepHealth.Api.Tests.ApiHarness;

namespace DepHealth.Api.Tests;

public sealed class UsageTests
{
    private static Task<ApiResponse> Usage(ApiHarness h, string? key) =>
        h.App.Handler.HandleAsync(new ApiRequest
        {
            Method = "GET",
            Path = "/v1/usage",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-api-key"] = key ?? "" },
        }).AsTask();

    [Fact]
    public async Task Usage_reports_the_month_without_consuming_quota()
    {
        var h = new ApiHarness();
        h.Usage.SetUsed(Free.UserId, 4200);
        var r = await Usage(h, FreeKey);
        Assert.Equal(200, r.StatusCode);
        var json = Json(r);
        Assert.Equal("free", json.GetProperty("tier").GetString());
        var usage = json.GetProperty("usage");
        Assert.Equal(4200, usage.GetProperty("requests_this_month").GetInt64());
        Assert.Equal(5000, usage.GetProperty("monthly_limit").GetInt64());
        Assert.Equal(800, usage.GetProperty("remaining").GetInt64());
        Assert.Equal(84, usage.GetProperty("usage_percentage").GetDouble());
        Assert.Equal((long)(MonthReset - h.Time.GetUtcNow()).TotalSeconds,
            json.GetProperty("reset").GetProperty("seconds_until_reset").GetInt64());
        Assert.Equal(100000, json.GetProperty("limits_by_tier").GetProperty("pro").GetInt64());
        Assert.Equal("no-store, no-cache, must-revalidate", r.Headers["Cache-Control"]);
        Assert.Equal("800", r.Headers["X-RateLimit-Remaining"]);
        Assert.Equal(4200, h.Usage.UsedBy(Free.UserId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pw_nope")]
    public async Task Usage_needs_a_valid_key(string? key)
    {
        var r = await Usage(new ApiHarness(), key);
        Assert.Equal(401, r.StatusCode);
        Assert.Equal(ErrorCodes.InvalidApiKey, ErrorCode(r));
    }
}
