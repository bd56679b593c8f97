using System.Net;
using System.Net.Http.Headers;
using DepHealth.Emulator.Upstream;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Emulator.Tests;

/// <summary>GitHub's conditional requests and primary rate limit as the collectors meet them.</summary>
public sealed class GitHubBehaviourTests
{
    [Fact]
    public async Task Every_success_has_an_ETag_and_If_None_Match_gets_304_without_body()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var repo = TestEmulator.GitHubRepoOf(up, "express");
        foreach (var url in new[] { $"{up.BaseUrls.GitHub}/repos/{repo.FullName}", up.BaseUrls.Npm + "/chalk", up.BaseUrls.DepsDev + "/v3/systems/npm/packages/chalk" })
        {
            using var first = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);

            using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.IfNoneMatch.Add(etag);
            using var second = await http.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            Assert.Empty(await second.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, second.Headers.ETag);

            using var stale = new HttpRequestMessage(HttpMethod.Get, url);
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-the-etag\""));
            using var third = await http.SendAsync(stale);
            Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        }
    }

    [Fact]
    public async Task Rate_limit_headers_count_down_then_403_with_remaining_0_until_the_window_resets()
    {
        var clock = new FakeTimeProvider(TestEmulator.Now);
        await using var up = await TestEmulator.StartAsync(o => o.GitHubRateLimit = 3, clock);
        using var http = TestEmulator.Client();
        var url = $"{up.BaseUrls.GitHub}/repos/{TestEmulator.GitHubRepoOf(up, "express").FullName}";
        for (var i = 1; i <= 3; i++)
        {
            using var ok = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", Header(ok, "x-ratelimit-limit"));
            Assert.Equal((3 - i).ToString(), Header(ok, "x-ratelimit-remaining"));
            Assert.Equal(i.ToString(), Header(ok, "x-ratelimit-used"));
            Assert.Equal((TestEmulator.Now + TimeSpan.FromHours(1)).ToUnixTimeSeconds().ToString(), Header(ok, "x-ratelimit-reset"));
        }
        using (var denied = await http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal("0", Header(denied, "x-ratelimit-remaining"));
            Assert.Contains("rate limit", await denied.Content.ReadAsStringAsync());
            Assert.Equal(TimeSpan.FromHours(1), denied.Headers.RetryAfter!.Delta);
        }

        clock.Advance(TimeSpan.FromHours(1));
        using var again = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("2", Header(again, "x-ratelimit-remaining"));
    }

    [Fact]
    public async Task Budgets_are_per_token_and_a_304_with_Authorization_is_free()
    {
        await using var up = await TestEmulator.StartAsync(o => o.GitHubRateLimit = 10);
        using var http = TestEmulator.Client();
        var url = $"{up.BaseUrls.GitHub}/repos/{TestEmulator.GitHubRepoOf(up, "express").FullName}";
        using var first = await Send(http, url, "Bearer token-a", null);
        Assert.Equal("9", Header(first, "x-ratelimit-remaining"));
        using var conditional = await Send(http, url, "Bearer token-a", first.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
        Assert.Equal("9", Header(conditional, "x-ratelimit-remaining"));
        using var other = await Send(http, url, "Bearer token-b", null);
        Assert.Equal("9", Header(other, "x-ratelimit-remaining"));
        using var anonymousConditional = await Send(http, url, null, first.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, anonymousConditional.StatusCode);
        Assert.Equal("9", Header(anonymousConditional, "x-ratelimit-remaining")); // counted: no Authorization
    }

    [Fact]
    public async Task Exhaustion_can_answer_429_and_be_set_through_the_control_api()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        using var set = await http.PostAsync(up.BaseUrls.Control + "/ratelimit",
            new StringContent("""{"remaining":0,"status":429}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        using var denied = await http.GetAsync($"{up.BaseUrls.GitHub}/repos/{TestEmulator.GitHubRepoOf(up, "express").FullName}");
        Assert.Equal(HttpStatusCode.TooManyRequests, denied.StatusCode);
        Assert.Equal("0", Header(denied, "x-ratelimit-remaining"));
        // /rate_limit is free and reports the same state
        var state = await http.GetJsonAsync(up.BaseUrls.GitHub + "/rate_limit");
        Assert.Equal(0, state.GetProperty("resources").GetProperty("core").GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Commits_since_filter_pages_and_link_header()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var repoRef = TestEmulator.GitHubRepoOf(up, "express");
        var repo = up.Universe.GetRepo(repoRef)!;
        var since = TestEmulator.Now - TimeSpan.FromDays(90);
        var expected = repo.CommitsSince(since).Count();
        var url = $"{up.BaseUrls.GitHub}/repos/{repoRef.FullName}/commits?since={Uri.EscapeDataString(since.ToString("yyyy-MM-ddTHH:mm:ssZ"))}&per_page=100";
        using var response = await http.GetAsync(url);
        var page = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Math.Min(100, expected), page.GetArrayLength());
        Assert.Equal(expected > 100, response.Headers.Contains("Link"));
        using var one = await http.GetAsync($"{up.BaseUrls.GitHub}/repos/{repoRef.FullName}/commits?per_page=1");
        var latest = System.Text.Json.JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement[0];
        Assert.Equal(repo.LastCommitAt!.Value, DateTimeOffset.Parse(latest.GetProperty("commit").GetProperty("author").GetProperty("date").GetString()!));
        Assert.Contains("rel=\"next\"", one.Headers.GetValues("Link").Single());
    }

    private static string? Header(HttpResponseMessage r, string name) => r.Headers.TryGetValues(name, out var v) ? v.Single() : null;

    private static Task<HttpResponseMessage> Send(HttpClient http, string url, string? auth, EntityTagHeaderValue? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (auth is not null)
            request.Headers.TryAddWithoutValidation("Authorization", auth);
        if (etag is not null)
            request.Headers.IfNoneMatch.Add(etag);
        return http.SendAsync(request);
    }
}
