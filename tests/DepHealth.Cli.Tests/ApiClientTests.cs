using DepHealth.Cli.Api;
using DepHealth.Cli.Config;

namespace DepHealth.Cli.Tests;

/// <summary>The API client over real loopback HTTP: retries on 429/5xx honouring Retry-After, no retry on 4xx, error mapping.</summary>
public sealed class ApiClientTests
{
    private const string Usage = """{"tier":"free","usage":{"requests_this_month":3,"monthly_limit":5000,"remaining":4997,"usage_percentage":0.1},"reset":{"date":"2026-12-01T00:00:00Z","seconds_until_reset":5},"limits_by_tier":{"free":5000}}""";

    private static ScriptedHttpServer.Reply R(int status, string body, Dictionary<string, string>? headers = null) => new(status, body, headers);

    private static DepHealthClient Client(string url, int retries = 3) =>
        new(new CliConfig(new Uri(url), "dh_test_key", "test", "test"),
            new ApiClientOptions { MaxRetries = retries, BaseDelay = TimeSpan.FromMilliseconds(1), AttemptTimeout = TimeSpan.FromSeconds(10) });

    [Fact]
    public async Task Transient_failures_are_retried_and_Retry_After_is_honoured()
    {
        await using var server = new ScriptedHttpServer(
            R(503, """{"error":{"code":"service_unavailable","message":"busy"}}""", new Dictionary<string, string> { ["Retry-After"] = "0" }),
            R(429, """{"error":{"code":"throttled","message":"slow down"}}""", new Dictionary<string, string> { ["Retry-After"] = "1" }),
            R(200, Usage));
        using var client = Client(server.Url);
        var started = DateTime.UtcNow;
        var usage = await client.GetUsageAsync(default);
        Assert.Equal(3, usage.Usage!.RequestsThisMonth);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("dh_test_key", r.ApiKey));
        Assert.All(server.Requests, r => Assert.Equal("/v1/usage", r.Path));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the 1 s Retry-After was not waited for");
    }

    [Fact]
    public async Task A_long_Retry_After_is_reported_not_waited_for()
    {
        await using var server = new ScriptedHttpServer(
            R(429, """{"error":{"code":"rate_limit_exceeded","message":"Monthly limit of 5000 requests exceeded"}}""", new Dictionary<string, string> { ["Retry-After"] = "864000" }));
        using var client = Client(server.Url);
        var e = await Assert.ThrowsAsync<ApiException>(() => client.GetUsageAsync(default));
        Assert.Equal(429, e.StatusCode);
        Assert.Equal("rate_limit_exceeded", e.Code);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Client_errors_are_not_retried_and_keep_the_api_code_and_message()
    {
        await using var server = new ScriptedHttpServer(
            R(401, """{"error":{"code":"invalid_api_key","message":"Invalid or missing API key"}}"""));
        using var client = Client(server.Url);
        var e = await Assert.ThrowsAsync<ApiException>(() => client.GetUsageAsync(default));
        Assert.Equal((401, "invalid_api_key", "Invalid or missing API key"), (e.StatusCode, e.Code, e.Message));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number()
    {
        await using var server = new ScriptedHttpServer(
            R(502, "bad gateway"), R(502, "bad gateway"), R(502, "bad gateway"), R(200, Usage));
        using var client = Client(server.Url, retries: 2);
        var e = await Assert.ThrowsAsync<ApiException>(() => client.GetUsageAsync(default));
        Assert.Equal((502, "server_error"), (e.StatusCode, e.Code));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Package_names_are_escaped_in_the_path_and_fields_in_the_query()
    {
        await using var server = new ScriptedHttpServer(R(200, """{"package":"@babel/core","ecosystem":"npm","health_score":81.5}"""));
        using var client = Client(server.Url);
        var p = await client.GetPackageAsync("npm", "@babel/core", "package,health_score", default);
        Assert.Equal(81.5, p.HealthScore);
        Assert.Equal("/v1/packages/npm/%40babel%2Fcore?fields=package%2Chealth_score", server.Requests.Single().Path);
    }
}
