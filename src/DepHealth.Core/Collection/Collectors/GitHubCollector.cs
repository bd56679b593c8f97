using System.Globalization;
using System.Net;
using System.Text.Json;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Collection.Collectors;

/// <summary>
/// GitHub (reference §4.8): five calls in parallel (repo, commits, contributors, issues, pulls) against the
/// configured base URL only, conditional on the stored ETags (a 304 reuses the stored values and costs no
/// rate limit), skipped when the known rate limit cannot cover them. Returns a record fragment; on a
/// partial failure the fragment holds what did arrive and the status is Failed.
/// </summary>
public sealed class GitHubCollector(UpstreamClient client, GitHubRateLimit rateLimit)
{
    public const string Source = "github";
    public const int CallsPerRepository = 5;

    private static readonly string[] BotMarkers =
        ["dependabot", "renovate", "greenkeeper", "snyk-bot", "github-actions", "semantic-release", "release-please", "[bot]"];

    public static readonly IReadOnlyList<string> CallNames = ["github.repo", "github.commits", "github.contributors", "github.issues", "github.pulls"];

    public async Task<SourceResult<PackageRecord>> CollectAsync(
        GitHubRepository repo, PackageRecord? existing, IReadOnlyList<string> dependsOn, CollectionContext context, CancellationToken ct)
    {
        if (client.Urls.GitHub is not { } baseUrl)
            return SourceResult<PackageRecord>.Skipped("not_configured");
        if (!rateLimit.TryReserve(CallsPerRepository))
            return SourceResult<PackageRecord>.Skipped("rate_limit_exceeded");

        var now = client.Time.GetUtcNow();
        var since = Uri.EscapeDataString(now.AddDays(-90).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        var root = $"repos/{Uri.EscapeDataString(repo.Owner)}/{Uri.EscapeDataString(repo.Name)}";
        string[] paths =
        [
            root,
            $"{root}/commits?since={since}&per_page=100",
            $"{root}/contributors?per_page=100",
            $"{root}/issues?state=all&since={since}&per_page=100&sort=created&direction=desc",
            $"{root}/pulls?state=all&per_page=100&sort=created&direction=desc",
        ];
        var calls = new Task<UpstreamResponse>[paths.Length];
        for (var i = 0; i < paths.Length; i++)
            calls[i] = SendAsync(CallNames[i], UpstreamPaths.Combine(baseUrl, paths[i]), existing, dependsOn, context, ct);
        var responses = await Task.WhenAll(calls).ConfigureAwait(false);
        foreach (var r in responses)
            rateLimit.Observe(r.RateLimitRemaining, r.RateLimitResetEpochSeconds);

        if (responses[0].IsNotFound)
            return new SourceResult<PackageRecord>(SourceStatus.NotFound, null, "repository_not_found");

        var fragment = new PackageRecord { GitHubEtags = new Dictionary<string, string>(StringComparer.Ordinal) };
        string? failure = null;
        DateTimeOffset? pushedAt = null;
        DateTimeOffset? lastCommit = null;
        var commitsReused = false;
        var answered = 0;
        for (var i = 0; i < responses.Length; i++)
        {
            var response = responses[i];
            var call = CallNames[i];
            if (response.IsNotModified && existing is not null)
            {
                Reuse(call, existing, fragment);
                answered++;
                commitsReused |= call == "github.commits";
                if (existing.GitHubEtags?.TryGetValue(call, out var kept) == true)
                    fragment.GitHubEtags[call] = kept;
                continue;
            }
            // 409: an empty repository has no commits.
            var emptyRepo = call == "github.commits" && response.Status == HttpStatusCode.Conflict;
            if (!response.IsSuccess && !emptyRepo)
            {
                failure ??= response.Status == HttpStatusCode.Forbidden ? "forbidden_or_rate_limited" : response.Failure ?? "http_" + (int?)response.Status;
                if (existing?.GitHubEtags?.TryGetValue(call, out var kept) == true)
                    fragment.GitHubEtags[call] = kept;
                continue;
            }
            using var doc = emptyRepo ? JsonDocument.Parse("[]") : Json.TryParse(response.Body);
            if (doc is null)
            {
                // The new ETag describes a body we could not read: keep the old one, so a 304 never vouches for unread data.
                failure ??= "invalid_json_response";
                if (existing?.GitHubEtags?.TryGetValue(call, out var previous) == true)
                    fragment.GitHubEtags[call] = previous;
                continue;
            }
            if (response.ETag is { } etag)
                fragment.GitHubEtags[call] = etag;
            var body = doc.RootElement;
            answered++;
            switch (call)
            {
                case "github.repo":
                    fragment.Stars = body.Long("stargazers_count");
                    fragment.Forks = body.Long("forks_count");
                    fragment.OpenIssues = body.Long("open_issues_count");
                    fragment.Archived = body.Bool("archived") ?? false;
                    pushedAt = body.Date("pushed_at");
                    break;
                case "github.commits":
                    lastCommit = ApplyCommits(body, fragment);
                    break;
                case "github.contributors":
                    fragment.TotalContributors = body.Items().Count();
                    break;
                case "github.issues":
                    fragment.AvgIssueResponseHours = AverageIssueResponseHours(body);
                    break;
                case "github.pulls":
                    ApplyPulls(body, now.AddDays(-90), fragment);
                    break;
            }
        }

        if (!commitsReused)
            fragment.DaysSinceLastCommit = DaysSince(lastCommit ?? pushedAt, now);
        if (failure is null)
            return SourceResult<PackageRecord>.Ok(fragment);
        // Partly answered: keep what arrived; nothing answered: no fragment, the previous values stay.
        return new SourceResult<PackageRecord>(SourceStatus.Failed, answered > 0 ? fragment : null, failure);
    }

    private Task<UpstreamResponse> SendAsync(string call, Uri url, PackageRecord? existing, IReadOnlyList<string> dependsOn, CollectionContext context, CancellationToken ct)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Accept", "application/vnd.github+json"),
            new("X-GitHub-Api-Version", "2022-11-28"),
        };
        if (client.Urls.GitHubToken is { Length: > 0 } token)
            headers.Add(new("Authorization", "Bearer " + token));
        if (existing?.GitHubEtags?.TryGetValue(call, out var etag) == true && !string.IsNullOrEmpty(etag))
            headers.Add(new("If-None-Match", etag));
        return client.GetAsync(new UpstreamRequest(Upstream.GitHub, call, url, dependsOn, headers), context, ct);
    }

    /// <summary>A 304: the stored values of that call's fields are still current.</summary>
    private void Reuse(string call, PackageRecord existing, PackageRecord into)
    {
        switch (call)
        {
            case "github.repo":
                into.Stars = existing.Stars;
                into.Forks = existing.Forks;
                into.OpenIssues = existing.OpenIssues;
                into.Archived = existing.Archived;
                break;
            case "github.commits":
                into.Commits90d = existing.Commits90d;
                into.Commits90dNonBot = existing.Commits90dNonBot;
                into.ActiveContributors90d = existing.ActiveContributors90d;
                into.TrueBusFactor = existing.TrueBusFactor;
                into.BusFactorConfidence = existing.BusFactorConfidence;
                into.ContributionDistribution = existing.ContributionDistribution;
                // Same last commit, seen later: the stored age grows by the time since it was collected.
                into.DaysSinceLastCommit = existing.DaysSinceLastCommit is { } days && existing.CollectedAt is { } at
                    ? days + Math.Max(0, (long)(client.Time.GetUtcNow() - at).TotalDays)
                    : existing.DaysSinceLastCommit;
                break;
            case "github.contributors":
                into.TotalContributors = existing.TotalContributors;
                break;
            case "github.issues":
                into.AvgIssueResponseHours = existing.AvgIssueResponseHours;
                break;
            case "github.pulls":
                into.PrsOpened90d = existing.PrsOpened90d;
                into.PrsMerged90d = existing.PrsMerged90d;
                break;
        }
    }

    /// <summary>Committer counts, bus factor and distribution from one page of commits; returns the newest commit date.</summary>
    internal static DateTimeOffset? ApplyCommits(JsonElement commits, PackageRecord into)
    {
        var list = commits.Items().ToList();
        var committers = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var commit in list)
        {
            if (commit.Obj("author")?.Str("login") is { Length: > 0 } login)
                committers[login] = committers.GetValueOrDefault(login) + 1;
        }
        var ranked = committers.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var total = ranked.Sum(c => c.Value);

        long busFactor = 1, running = 0;
        if (total > 0)
        {
            busFactor = 0;
            foreach (var (_, count) in ranked)
            {
                running += count;
                busFactor++;
                if (running * 2 >= total)
                    break;
            }
            busFactor = Math.Max(1, busFactor);
        }

        into.Commits90d = list.Count;
        into.Commits90dNonBot = list.Count(c => c.Obj("author")?.Str("login") is not { } login || !IsBot(login));
        into.ActiveContributors90d = committers.Count;
        into.TrueBusFactor = busFactor;
        into.BusFactorConfidence = total >= 100 ? "HIGH" : total >= 30 ? "MEDIUM" : "LOW";
        into.ContributionDistribution = [.. ranked.Take(10).Select(c => new Contribution(c.Key, c.Value))];
        return list.Count > 0 ? list[0].Obj("commit")?.Obj("author")?.Date("date") : null;
    }

    internal static bool IsBot(string login) =>
        BotMarkers.Any(marker => login.Contains(marker, StringComparison.OrdinalIgnoreCase));

    /// <summary>The original's heuristic: of the first 50 commented issues, closed count 24 h and open 48 h.</summary>
    internal static double? AverageIssueResponseHours(JsonElement issues)
    {
        var hours = issues.Items()
            .Where(i => i.Prop("pull_request") is null)
            .Take(50)
            .Where(i => i.Long("comments") > 0)
            .Select(i => i.Str("state") == "closed" ? 24.0 : 48.0)
            .ToList();
        return hours.Count == 0 ? null : hours.Average();
    }

    internal static void ApplyPulls(JsonElement pulls, DateTimeOffset since, PackageRecord into)
    {
        var recent = pulls.Items().Where(p => p.Date("created_at") is { } created && created >= since).ToList();
        into.PrsOpened90d = recent.Count;
        into.PrsMerged90d = recent.Count(p => p.Prop("merged_at") is not null);
    }

    /// <summary>Whole days since the date, floored at 0; 999 when unknown (the original's final fallback).</summary>
    internal static long DaysSince(DateTimeOffset? date, DateTimeOffset now)
    {
        if (date is { } d)
            return Math.Max(0, (long)Math.Floor((now - d).TotalDays));
        return 999;
    }
}
