using System.Net;
using System.Text;
using System.Text.Json;
using DepHealth.Emulator.Upstream;
using DepHealth.Emulator.Upstream.Faults;

namespace DepHealth.Emulator.Tests;

/// <summary>Each fault kind behaves as specified, per upstream and per package, with probability and first-N rules.</summary>
public sealed class FaultTests
{
    [Theory]
    [InlineData(500, null)]
    [InlineData(503, 7)]
    [InlineData(429, 3)]
    [InlineData(404, null)]
    public async Task Status_faults_answer_the_code_with_Retry_After_when_given(int status, int? retryAfter)
    {
        await using var up = await TestEmulator.StartAsync(o => o.Faults.Add(FaultRule.Status(UpstreamKind.Npm, status, retryAfter)));
        using var http = TestEmulator.Client();
        using var response = await http.GetAsync(up.BaseUrls.Npm + "/chalk");
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(retryAfter is null ? null : TimeSpan.FromSeconds(retryAfter.Value), response.Headers.RetryAfter?.Delta);
        Assert.Equal(200, await http.StatusAsync(up.BaseUrls.DepsDev + "/v3/systems/npm/packages/chalk")); // other upstreams unaffected
        Assert.Equal(status, up.Log.For(UpstreamKind.Npm).Single().Status);
    }

    [Fact]
    public async Task Package_rules_hit_only_that_package()
    {
        await using var up = await TestEmulator.StartAsync();
        up.Faults.Add(FaultRule.Status(null, 503, package: "@babel/core"));
        using var http = TestEmulator.Client();
        Assert.Equal(503, await http.StatusAsync(up.BaseUrls.Npm + "/%40babel%2Fcore"));
        Assert.Equal(503, await http.StatusAsync(up.BaseUrls.DepsDev + "/v3/systems/npm/packages/%40babel%2Fcore"));
        Assert.Equal(200, await http.StatusAsync(up.BaseUrls.Npm + "/chalk"));
    }

    [Fact]
    public async Task Accepted_then_ok_answers_202_for_the_first_calls_of_each_path()
    {
        await using var up = await TestEmulator.StartAsync();
        up.Faults.Add(FaultRule.AcceptedThenOk(UpstreamKind.GitHub, 2, pathContains: "/stats/"));
        using var http = TestEmulator.Client();
        var repo = $"{up.BaseUrls.GitHub}/repos/{TestEmulator.GitHubRepoOf(up, "express").FullName}";
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
            statuses.Add(await http.StatusAsync(repo + "/stats/commit_activity"));
        Assert.Equal([202, 202, 200], statuses);
        Assert.Equal(202, await http.StatusAsync(repo + "/stats/participation")); // counted per path
        Assert.Equal(200, await http.StatusAsync(repo)); // path filter
        var activity = await http.GetJsonAsync(repo + "/stats/commit_activity");
        Assert.Equal(52, activity.GetArrayLength());
    }

    [Fact]
    public async Task Probability_rules_hit_about_that_share_and_first_n_rules_stop_after_n()
    {
        await using var up = await TestEmulator.StartAsync();
        var id = up.Faults.Add(new FaultRule { Upstream = UpstreamKind.PyPIStats, Kind = FaultKind.Status, StatusCode = 500, Probability = 0.3 });
        using var http = TestEmulator.Client();
        var failures = 0;
        for (var i = 0; i < 200; i++)
            failures += await http.StatusAsync(up.BaseUrls.PyPIStats + "/api/packages/requests/recent") == 500 ? 1 : 0;
        Assert.InRange(failures, 35, 85);
        Assert.True(up.Faults.Remove(id));

        up.Faults.Add(new FaultRule { Upstream = UpstreamKind.PyPIStats, Kind = FaultKind.Status, StatusCode = 503, FirstN = 3 });
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
            statuses.Add(await http.StatusAsync(up.BaseUrls.PyPIStats + "/api/packages/requests/recent"));
        Assert.Equal([503, 503, 503, 200, 200], statuses);
    }

    [Fact]
    public async Task Timeout_hangs_until_the_client_gives_up()
    {
        await using var up = await TestEmulator.StartAsync(o => o.Faults.Add(FaultRule.Of(FaultKind.Timeout, UpstreamKind.Bundlephobia)));
        using var http = TestEmulator.Client();
        await http.GetJsonAsync(up.BaseUrls.Npm + "/chalk/latest"); // warm the connection pool and the server
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAsync<TaskCanceledException>(() => http.GetAsync(up.BaseUrls.Bundlephobia + "/api/size?package=chalk", giveUp.Token));
        var gaveUp = TimeProvider.System.GetUtcNow();
        var entry = await WaitForLogAsync(up, UpstreamKind.Bundlephobia);
        Assert.Equal(0, entry.Status);
        Assert.Equal("Timeout", entry.Fault);
        Assert.True(entry.End >= gaveUp - TimeSpan.FromMilliseconds(20), $"the server let go at {entry.End:O}, before the client gave up at {gaveUp:O}");
    }

    [Fact]
    public async Task Reset_drops_the_connection_without_an_answer()
    {
        await using var up = await TestEmulator.StartAsync(o => o.Faults.Add(FaultRule.Of(FaultKind.Reset, UpstreamKind.DepsDev)));
        using var http = TestEmulator.Client();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(up.BaseUrls.DepsDev + "/v3/systems/npm/packages/chalk"));
    }

    [Fact]
    public async Task Malformed_json_is_a_200_that_does_not_parse()
    {
        await using var up = await TestEmulator.StartAsync(o => o.Faults.Add(FaultRule.Of(FaultKind.MalformedJson, UpstreamKind.Npm)));
        using var http = TestEmulator.Client();
        using var response = await http.GetAsync(up.BaseUrls.Npm + "/chalk/latest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Truncated_body_fails_while_reading()
    {
        await using var up = await TestEmulator.StartAsync(o => o.Faults.Add(FaultRule.Of(FaultKind.TruncatedBody, UpstreamKind.Npm)));
        using var http = TestEmulator.Client();
        var e = await Record.ExceptionAsync(async () =>
        {
            using var response = await http.GetAsync(up.BaseUrls.Npm + "/chalk");
            await response.Content.ReadAsByteArrayAsync();
        });
        Assert.True(e is HttpRequestException or IOException, $"expected a failed read, got {e?.GetType().Name ?? "no exception"}");
    }

    [Fact]
    public async Task Slow_body_trickles_the_full_document()
    {
        await using var up = await TestEmulator.StartAsync(o => o.Faults.Add(new FaultRule
        {
            Upstream = UpstreamKind.PyPIStats, Kind = FaultKind.SlowBody, ChunkBytes = 16, ChunkInterval = TimeSpan.FromMilliseconds(40),
        }));
        using var http = TestEmulator.Client();
        var doc = await http.GetJsonAsync(up.BaseUrls.PyPIStats + "/api/packages/requests/recent?period=week");
        Assert.Equal("requests", doc.GetProperty("package").GetString());
        var entry = await WaitForLogAsync(up, UpstreamKind.PyPIStats);
        var chunks = (doc.GetRawText().Length + 15) / 16;
        Assert.True(entry.Duration >= TimeSpan.FromMilliseconds(40 * (chunks - 1) * 0.9), $"{chunks} chunks took only {entry.Duration}");
    }

    [Fact]
    public async Task Faults_are_added_listed_and_cleared_through_the_control_api()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        using var added = await http.PostAsync(up.BaseUrls.Control + "/faults", Json("""{"upstream":"github","kind":"status","status":503,"retryAfter":2,"firstN":1}"""));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var repo = $"{up.BaseUrls.GitHub}/repos/{TestEmulator.GitHubRepoOf(up, "express").FullName}";
        Assert.Equal(503, await http.StatusAsync(repo));
        Assert.Equal(200, await http.StatusAsync(repo));
        var rules = await http.GetJsonAsync(up.BaseUrls.Control + "/faults");
        Assert.Equal("github", rules[0].GetProperty("upstream").GetString());

        using var bad = await http.PostAsync(up.BaseUrls.Control + "/faults", Json("""{"kind":"explode"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid_value", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());

        using var _ = await http.PostAsync(up.BaseUrls.Control + "/faults", Json("""{"upstream":"npm","kind":"reset"}"""));
        using var reset = await http.PostAsync(up.BaseUrls.Control + "/reset", null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(200, await http.StatusAsync(up.BaseUrls.Npm + "/chalk"));
        Assert.Empty(up.Faults.Rules);
    }

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    internal static async Task<Upstream.Hosting.RequestLogEntry> WaitForLogAsync(UpstreamEmulator up, UpstreamKind kind)
    {
        // The server writes the entry when it finishes the request, which can be just after the client saw the end.
        for (var i = 0; i < 200; i++)
        {
            if (up.Log.For(kind).FirstOrDefault() is { } entry)
                return entry;
            await Task.Delay(25);
        }
        throw new TimeoutException($"no log entry for {kind}");
    }
}
