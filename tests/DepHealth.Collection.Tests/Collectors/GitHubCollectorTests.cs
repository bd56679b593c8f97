using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Collectors;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Collectors;

public sealed class GitHubCollectorTests : UpstreamClientTestBase
{
    private static readonly GitHubRepository Chalk = new("chalk", "chalk");

    [Fact]
    public async Task Maps_the_recorded_repository_and_derives_activity_fields()
    {
        _world.MapGitHub("chalk", "chalk", TimeSpan.Zero);
        var github = new GitHubCollector(_client, new GitHubRateLimit(_time));

        var result = await github.CollectAsync(Chalk, null, [], Context(), default);

        Assert.True(result.IsOk, result.Reason);
        var r = result.Value!;
        Assert.Equal(133, r.Stars);
        Assert.Equal(5, r.Forks);
        Assert.Equal(0, r.OpenIssues);
        Assert.False(r.Archived);
        Assert.Equal(4, r.Commits90d);
        Assert.Equal(3, r.Commits90dNonBot);
        Assert.Equal(3, r.ActiveContributors90d);
        Assert.Equal(1, r.TrueBusFactor); // sindresorhus has 2 of 4
        Assert.Equal("LOW", r.BusFactorConfidence);
        Assert.Equal(new Contribution("sindresorhus", 2), r.ContributionDistribution![0]);
        Assert.Equal(7, r.DaysSinceLastCommit);
        Assert.Equal(3, r.TotalContributors);
        Assert.Equal(36, r.AvgIssueResponseHours); // closed 24 h, open 48 h
        Assert.Equal(2, r.PrsOpened90d);
        Assert.Equal(1, r.PrsMerged90d);
        Assert.Equal(5, r.GitHubEtags!.Count);

        var sent = _world.Server.Requests.Where(q => q.PathAndQuery.StartsWith("/github/", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, sent.Count);
        Assert.All(sent, q => Assert.Equal("Bearer ghp_test_token", q.Headers["Authorization"]));
        Assert.All(sent, q => Assert.False(q.Headers.ContainsKey("If-None-Match")));
        Assert.Contains(sent, q => q.PathAndQuery.StartsWith("/github/repos/chalk/chalk/commits?since=2026-08-29T12%3A00%3A00Z&per_page=100", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_304_reuses_the_stored_values()
    {
        _world.MapGitHub("chalk", "chalk", TimeSpan.Zero);
        var github = new GitHubCollector(_client, new GitHubRateLimit(_time));
        var first = (await github.CollectAsync(Chalk, null, [], Context(), default)).Value!;
        var stored = new PackageRecord { CollectedAt = _time.GetUtcNow(), GitHubEtags = first.GitHubEtags };
        SourceFieldsCopy(first, stored);
        // Stored values that differ from what the server would now compute prove the 304 path reused them.
        stored.Stars = 9999;
        stored.Commits90d = 77;
        stored.DaysSinceLastCommit = 3;
        _time.Advance(TimeSpan.FromDays(2));

        var again = await github.CollectAsync(Chalk, stored, [], Context(), default);

        Assert.True(again.IsOk, again.Reason);
        Assert.Equal(9999, again.Value!.Stars);
        Assert.Equal(77, again.Value.Commits90d);
        Assert.Equal(5, again.Value.DaysSinceLastCommit); // 3 days old when stored, 2 days later
        Assert.Equal(first.GitHubEtags, again.Value.GitHubEtags);
        var conditional = _world.Server.Requests.Skip(5).ToList();
        Assert.Equal(5, conditional.Count);
        Assert.All(conditional, q => Assert.True(q.Headers.ContainsKey("If-None-Match")));
    }

    private static void SourceFieldsCopy(PackageRecord from, PackageRecord to)
    {
        to.Stars = from.Stars; to.Forks = from.Forks; to.OpenIssues = from.OpenIssues; to.Archived = from.Archived;
        to.Commits90d = from.Commits90d; to.Commits90dNonBot = from.Commits90dNonBot; to.ActiveContributors90d = from.ActiveContributors90d;
        to.TrueBusFactor = from.TrueBusFactor; to.BusFactorConfidence = from.BusFactorConfidence;
        to.ContributionDistribution = from.ContributionDistribution; to.DaysSinceLastCommit = from.DaysSinceLastCommit;
        to.TotalContributors = from.TotalContributors; to.AvgIssueResponseHours = from.AvgIssueResponseHours;
        to.PrsOpened90d = from.PrsOpened90d; to.PrsMerged90d = from.PrsMerged90d;
    }

    [Fact]
    public async Task Stays_inside_the_rate_limit_it_reads_from_the_headers()
    {
        _world.Server.Map(q => q.StartsWith("/github/repos/low/budget", StringComparison.Ordinal), _ =>
            new CannedResponse(200, "[]", new Dictionary<string, string> { ["x-ratelimit-remaining"] = "4", ["x-ratelimit-reset"] = "1900000000" }));
        var limit = new GitHubRateLimit(_time);
        var github = new GitHubCollector(_client, limit);

        await github.CollectAsync(new GitHubRepository("low", "budget"), null, [], Context(), default);
        var skipped = await github.CollectAsync(new GitHubRepository("low", "budget"), null, [], Context(), default);

        Assert.Equal(SourceStatus.Skipped, skipped.Status);
        Assert.Equal("rate_limit_exceeded", skipped.Reason);
        Assert.Equal(5, _world.Server.Requests.Count);

        _time.Advance(DateTimeOffset.FromUnixTimeSeconds(1900000000) - _time.GetUtcNow() + TimeSpan.FromSeconds(1));
        var afterReset = await github.CollectAsync(new GitHubRepository("low", "budget"), null, [], Context(), default);
        Assert.NotEqual(SourceStatus.Skipped, afterReset.Status);
    }

    [Fact]
    public async Task Repository_not_found_and_empty_repository()
    {
        _world.Server.Map(q => q.StartsWith("/github/repos/empty/repo", StringComparison.Ordinal), req =>
            req.Path.Value!.EndsWith("/commits", StringComparison.Ordinal) ? new CannedResponse(409, "{\"message\":\"Git Repository is empty.\"}")
            : req.Path.Value.EndsWith("/repo", StringComparison.Ordinal) ? new CannedResponse(200, """{"stargazers_count":1,"forks_count":0,"open_issues_count":0,"pushed_at":"2026-08-29T12:00:00Z"}""")
            : new CannedResponse(200, "[]"));
        var github = new GitHubCollector(_client, new GitHubRateLimit(_time));

        var missing = await github.CollectAsync(new GitHubRepository("gone", "away"), null, [], Context(), default);
        var empty = await github.CollectAsync(new GitHubRepository("empty", "repo"), null, [], Context(), default);

        Assert.Equal(SourceStatus.NotFound, missing.Status);
        Assert.Equal("repository_not_found", missing.Reason);
        Assert.True(empty.IsOk, empty.Reason);
        Assert.Equal(0, empty.Value!.Commits90d);
        Assert.Equal(1, empty.Value.TrueBusFactor);
        Assert.Equal(90, empty.Value.DaysSinceLastCommit); // pushed_at fallback
    }

    // reference §6.6 days_since_last_commit and bus factor
    [Fact]
    public void Days_since_and_bus_factor_rules()
    {
        var now = DateTimeOffset.Parse("2026-11-27T12:00:00Z");
        Assert.Equal(120, GitHubCollector.DaysSince(now.AddDays(-120), now));
        Assert.Equal(0, GitHubCollector.DaysSince(now.AddDays(3), now));
        Assert.Equal(999, GitHubCollector.DaysSince(null, now));

        var single = new PackageRecord();
        GitHubCollector.ApplyCommits(Commits(Enumerable.Repeat("solo", 100)), single);
        Assert.Equal(1, single.TrueBusFactor);
        Assert.Equal("HIGH", single.BusFactorConfidence);

        var spread = new PackageRecord();
        GitHubCollector.ApplyCommits(Commits(Enumerable.Range(0, 100).Select(i => "dev" + (i % 4))), spread);
        Assert.Equal(2, spread.TrueBusFactor);
        Assert.Equal("HIGH", spread.BusFactorConfidence);

        var few = new PackageRecord();
        GitHubCollector.ApplyCommits(Commits(["a", "b", "a"]), few);
        Assert.Equal("LOW", few.BusFactorConfidence);

        var medium = new PackageRecord();
        GitHubCollector.ApplyCommits(Commits(Enumerable.Repeat("m", 30)), medium);
        Assert.Equal("MEDIUM", medium.BusFactorConfidence);
        Assert.True(GitHubCollector.IsBot("renovate[bot]"));
        Assert.False(GitHubCollector.IsBot("sindresorhus"));
    }

    private static System.Text.Json.JsonElement Commits(IEnumerable<string> logins)
    {
        var json = "[" + string.Join(",", logins.Select(l => "{\"author\":{\"login\":\"" + l + "\"},\"commit\":{\"author\":{\"date\":\"2026-11-01T00:00:00Z\"}}}")) + "]";
        return System.Text.Json.JsonDocument.Parse(json).RootElement;
    }
}
