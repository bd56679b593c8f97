using System.Globalization;
using System.Text;
using System.Text.Json;
using DepHealth.Emulator.Upstream.Hosting;
using DepHealth.Emulator.Upstream.Universe;

namespace DepHealth.Emulator.Upstream.Apis;

/// <summary>
/// GitHub REST v3: repository, commits (since/until, 409 when empty), contributors, issues (state/since/sort/direction),
/// pulls, weekly statistics and <c>/rate_limit</c>, with page/per_page and a Link header. ETags and rate-limit headers
/// are added by the pipeline.
/// </summary>
internal sealed class GitHubApi(UpstreamUniverse universe, GitHubRateLimiter rateLimit) : IUpstreamApi
{
    private const string Docs = "https://docs.github.com/rest";

    public UpstreamKind Kind => UpstreamKind.GitHub;

    public string? SubjectOf(UpstreamRequest r) => r.Segments is ["repos", var o, var n, ..] ? $"{o}/{n}" : null;

    public UpstreamResponse Handle(UpstreamRequest r)
    {
        if (r.Method is not ("GET" or "HEAD"))
            return Message(404, "Not Found");
        if (r.Segments is ["rate_limit"])
            return RateLimit(r);
        if (r.Segments is not ["repos", var owner, var name, ..])
            return Message(404, "Not Found");
        var rest = r.Segments.Skip(3).ToArray();
        var repo = universe.GetRepo("github.com", owner, name);
        if (repo is null)
            return Message(404, "Not Found", "/repos/repos#get-a-repository");
        var api = r.Urls.GitHub;
        switch (rest)
        {
            case []:
                return UpstreamResponse.Json(w => WriteRepo(w, repo, api));
            case ["commits"]:
                if (repo.Empty)
                    return Message(409, "Git Repository is empty.", "/commits/commits#list-commits");
                if (!TryTime(r, "since", out var since) || !TryTime(r, "until", out var until))
                    return Message(422, "Invalid value for parameter 'since' or 'until'.");
                var commits = repo.Commits.Where(c => (since is null || c.Date >= since) && (until is null || c.Date <= until)).ToArray();
                return Page(r, commits, (w, c) => WriteCommit(w, repo, c, api));
            case ["contributors"]:
                if (repo.Contributors.Count == 0)
                    return UpstreamResponse.Empty(204);
                return Page(r, repo.Contributors.ToArray(), (w, c) => WriteUser(w, c.Login, c.Id, c.IsBot, api, c.Contributions));
            case ["issues"]:
            {
                if (!TryTime(r, "since", out var issuesSince))
                    return Message(422, "Invalid value for parameter 'since'.");
                var issues = Filter(r, repo.Issues, i => issuesSince is null || i.UpdatedAt >= issuesSince);
                return Page(r, issues, (w, i) => WriteIssue(w, repo, i, api));
            }
            case ["pulls"]:
            {
                var pulls = Filter(r, repo.Issues.Where(i => i.IsPullRequest).ToArray(), _ => true);
                return Page(r, pulls, (w, i) => WritePull(w, repo, i, api));
            }
            case ["stats", "commit_activity"]:
                return UpstreamResponse.Json(w => WriteCommitActivity(w, repo));
            case ["stats", "participation"]:
                return UpstreamResponse.Json(w => WriteParticipation(w, repo));
            default:
                return Message(404, "Not Found");
        }
    }

    private UpstreamResponse RateLimit(UpstreamRequest r)
    {
        var auth = r.Headers.Authorization.ToString();
        var s = rateLimit.Peek(auth.Length == 0 ? null : auth);
        return UpstreamResponse.Json(w =>
        {
            void Rate(string name)
            {
                w.WriteStartObject(name);
                w.WriteNumber("limit", s.Limit);
                w.WriteNumber("used", s.Used);
                w.WriteNumber("remaining", s.Remaining);
                w.WriteNumber("reset", s.ResetEpochSeconds);
                w.WriteEndObject();
            }
            w.WriteStartObject();
            w.WriteStartObject("resources");
            Rate("core");
            w.WriteEndObject();
            Rate("rate");
            w.WriteEndObject();
        });
    }

    /// <summary>state (open|closed|all, default open), sort (created|updated), direction (desc|asc).</summary>
    private static IssueFacts[] Filter(UpstreamRequest r, IReadOnlyList<IssueFacts> all, Func<IssueFacts, bool> also)
    {
        var state = r.QueryValue("state") ?? "open";
        var selected = all.Where(i => state switch { "closed" => !i.IsOpen, "all" => true, _ => i.IsOpen } && also(i));
        var byUpdated = r.QueryValue("sort") == "updated";
        var ascending = r.QueryValue("direction") == "asc";
        Func<IssueFacts, DateTimeOffset> key = byUpdated ? i => i.UpdatedAt : i => i.CreatedAt;
        return (ascending ? selected.OrderBy(key).ThenBy(i => i.Number) : selected.OrderByDescending(key).ThenByDescending(i => i.Number)).ToArray();
    }

    private static UpstreamResponse Page<T>(UpstreamRequest r, T[] items, Action<Utf8JsonWriter, T> write)
    {
        var perPage = r.QueryInt("per_page", 30, 1, 100);
        var page = r.QueryInt("page", 1, 1, int.MaxValue);
        var last = Math.Max(1, (items.Length + perPage - 1) / perPage);
        var response = UpstreamResponse.Json(w =>
        {
            w.WriteStartArray();
            foreach (var item in items.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * perPage)).Take(perPage))
                write(w, item);
            w.WriteEndArray();
        });
        if (last > 1)
        {
            var links = new List<string>();
            if (page < last)
                links.Add($"<{PageUrl(r, page + 1)}>; rel=\"next\"");
            links.Add($"<{PageUrl(r, last)}>; rel=\"last\"");
            if (page > 1)
            {
                links.Add($"<{PageUrl(r, 1)}>; rel=\"first\"");
                links.Add($"<{PageUrl(r, page - 1)}>; rel=\"prev\"");
            }
            response.WithHeader("Link", string.Join(", ", links));
        }
        return response;
    }

    private static string PageUrl(UpstreamRequest r, int page)
    {
        var sb = new StringBuilder(r.Urls.GitHub);
        foreach (var s in r.Segments)
            sb.Append('/').Append(Uri.EscapeDataString(s));
        var sep = '?';
        foreach (var (k, v) in r.Query.Where(q => q.Key != "page").OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            sb.Append(sep).Append(Uri.EscapeDataString(k)).Append('=').Append(Uri.EscapeDataString(v.ToString()));
            sep = '&';
        }
        return sb.Append(sep).Append("page=").Append(page.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static bool TryTime(UpstreamRequest r, string name, out DateTimeOffset? value)
    {
        value = null;
        var text = r.QueryValue(name);
        if (string.IsNullOrEmpty(text))
            return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        value = parsed;
        return true;
    }

    private static void WriteRepo(Utf8JsonWriter w, RepoFacts repo, string api)
    {
        var full = repo.Ref.FullName;
        var url = $"{api}/repos/{full}";
        w.WriteStartObject();
        w.WriteNumber("id", repo.Id);
        w.WriteString("node_id", NodeId("R_", repo.Id));
        w.WriteString("name", repo.Ref.Name);
        w.WriteString("full_name", full);
        w.WriteBoolean("private", false);
        w.WritePropertyName("owner");
        WriteUser(w, repo.Ref.Owner, 1000 + repo.Id % 7919, false, api, null, organization: true);
        w.WriteString("html_url", repo.Ref.WebUrl);
        w.WriteString("description", repo.Description);
        w.WriteBoolean("fork", false);
        w.WriteString("url", url);
        foreach (var (k, suffix) in new[] { ("forks_url", "/forks"), ("contributors_url", "/contributors"), ("commits_url", "/commits{/sha}"), ("issues_url", "/issues{/number}"), ("pulls_url", "/pulls{/number}") })
            w.WriteString(k, url + suffix);
        w.WriteString("created_at", ApiJson.Seconds(repo.CreatedAt));
        w.WriteString("updated_at", ApiJson.Seconds(repo.UpdatedAt));
        w.WriteString("pushed_at", ApiJson.Seconds(repo.PushedAt));
        w.WriteString("git_url", $"git://github.com/{full}.git");
        w.WriteString("ssh_url", $"git@github.com:{full}.git");
        w.WriteString("clone_url", $"https://github.com/{full}.git");
        w.WriteString("svn_url", repo.Ref.WebUrl);
        w.WriteNull("homepage");
        w.WriteNumber("size", repo.Empty ? 0 : 100 + repo.Commits.Count * 7);
        w.WriteNumber("stargazers_count", repo.Stars);
        w.WriteNumber("watchers_count", repo.Stars);
        if (repo.Language is null) w.WriteNull("language"); else w.WriteString("language", repo.Language);
        w.WriteBoolean("has_issues", true);
        w.WriteBoolean("has_projects", true);
        w.WriteBoolean("has_downloads", true);
        w.WriteBoolean("has_wiki", true);
        w.WriteBoolean("has_pages", false);
        w.WriteBoolean("has_discussions", repo.Stars > 5000);
        w.WriteNumber("forks_count", repo.Forks);
        w.WriteNull("mirror_url");
        w.WriteBoolean("archived", repo.Archived);
        w.WriteBoolean("disabled", false);
        w.WriteNumber("open_issues_count", repo.OpenIssues);
        if (repo.LicenseSpdx is { } spdx)
        {
            w.WriteStartObject("license");
            w.WriteString("key", spdx.ToLowerInvariant());
            w.WriteString("name", spdx + " License");
            w.WriteString("spdx_id", spdx);
            w.WriteString("url", $"{api}/licenses/{spdx.ToLowerInvariant()}");
            w.WriteString("node_id", "MDc6TGljZW5zZTEz");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("license");
        }
        w.WriteBoolean("allow_forking", true);
        w.WriteBoolean("is_template", false);
        w.WriteBoolean("web_commit_signoff_required", false);
        w.WriteStrings("topics", repo.Topics);
        w.WriteString("visibility", "public");
        w.WriteNumber("forks", repo.Forks);
        w.WriteNumber("open_issues", repo.OpenIssues);
        w.WriteNumber("watchers", repo.Stars);
        w.WriteString("default_branch", repo.DefaultBranch);
        w.WriteNumber("network_count", repo.Forks);
        w.WriteNumber("subscribers_count", repo.Subscribers);
        w.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter w, string login, long id, bool bot, string api, int? contributions, bool organization = false)
    {
        w.WriteStartObject();
        w.WriteString("login", login);
        w.WriteNumber("id", id);
        w.WriteString("node_id", NodeId(bot ? "BOT_" : organization ? "O_" : "U_", id));
        w.WriteString("avatar_url", $"https://avatars.githubusercontent.com/u/{id}?v=4");
        w.WriteString("gravatar_id", "");
        w.WriteString("url", $"{api}/users/{Uri.EscapeDataString(login)}");
        w.WriteString("html_url", bot ? $"https://github.com/apps/{login.Replace("[bot]", "")}" : $"https://github.com/{login}");
        w.WriteString("type", bot ? "Bot" : organization ? "Organization" : "User");
        w.WriteBoolean("site_admin", false);
        if (contributions is { } c)
            w.WriteNumber("contributions", c);
        w.WriteEndObject();
    }

    private static void WriteCommit(Utf8JsonWriter w, RepoFacts repo, CommitFacts c, string api)
    {
        var url = $"{api}/repos/{repo.Ref.FullName}/commits/{c.Sha}";
        w.WriteStartObject();
        w.WriteString("sha", c.Sha);
        w.WriteString("node_id", NodeId("C_", Convert.ToInt64(c.Sha[..12], 16)));
        w.WriteStartObject("commit");
        w.WriteStartObject("author");
        w.WriteString("name", c.AuthorName);
        w.WriteString("email", c.AuthorEmail);
        w.WriteString("date", ApiJson.Seconds(c.Date));
        w.WriteEndObject();
        w.WriteStartObject("committer");
        w.WriteString("name", "GitHub");
        w.WriteString("email", "noreply@github.com");
        w.WriteString("date", ApiJson.Seconds(c.Date));
        w.WriteEndObject();
        w.WriteString("message", c.Message);
        w.WriteStartObject("tree");
        w.WriteString("sha", new string(c.Sha.Reverse().ToArray()));
        w.WriteString("url", $"{api}/repos/{repo.Ref.FullName}/git/trees/{new string(c.Sha.Reverse().ToArray())}");
        w.WriteEndObject();
        w.WriteString("url", $"{api}/repos/{repo.Ref.FullName}/git/commits/{c.Sha}");
        w.WriteNumber("comment_count", 0);
        w.WriteEndObject();
        w.WriteString("url", url);
        w.WriteString("html_url", $"{repo.Ref.WebUrl}/commit/{c.Sha}");
        w.WriteString("comments_url", url + "/comments");
        if (c.Login is null)
        {
            w.WriteNull("author");
            w.WriteNull("committer");
        }
        else
        {
            var who = repo.Contributors.FirstOrDefault(x => x.Login == c.Login);
            var bot = c.Login.EndsWith("[bot]", StringComparison.Ordinal);
            w.WritePropertyName("author");
            WriteUser(w, c.Login, who?.Id ?? 1, bot, api, null);
            w.WritePropertyName("committer");
            WriteUser(w, "web-flow", 19864447, false, api, null);
        }
        w.WriteStartArray("parents");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteIssue(Utf8JsonWriter w, RepoFacts repo, IssueFacts i, string api)
    {
        var repoUrl = $"{api}/repos/{repo.Ref.FullName}";
        w.WriteStartObject();
        w.WriteString("url", $"{repoUrl}/issues/{i.Number}");
        w.WriteString("repository_url", repoUrl);
        w.WriteString("html_url", $"{repo.Ref.WebUrl}/{(i.IsPullRequest ? "pull" : "issues")}/{i.Number}");
        w.WriteNumber("id", i.Id);
        w.WriteString("node_id", NodeId(i.IsPullRequest ? "PR_" : "I_", i.Id));
        w.WriteNumber("number", i.Number);
        w.WriteString("title", i.Title);
        w.WritePropertyName("user");
        WriteUser(w, i.UserLogin, 5000 + i.Id % 100_000, false, api, null);
        w.WriteStartArray("labels");
        w.WriteEndArray();
        w.WriteString("state", i.IsOpen ? "open" : "closed");
        w.WriteBoolean("locked", false);
        w.WriteNull("assignee");
        w.WriteStartArray("assignees");
        w.WriteEndArray();
        w.WriteNumber("comments", i.Comments);
        w.WriteString("created_at", ApiJson.Seconds(i.CreatedAt));
        w.WriteString("updated_at", ApiJson.Seconds(i.UpdatedAt));
        WriteTime(w, "closed_at", i.ClosedAt);
        w.WriteString("author_association", "NONE");
        if (i.IsPullRequest)
        {
            w.WriteStartObject("pull_request");
            w.WriteString("url", $"{repoUrl}/pulls/{i.Number}");
            w.WriteString("html_url", $"{repo.Ref.WebUrl}/pull/{i.Number}");
            WriteTime(w, "merged_at", i.MergedAt);
            w.WriteEndObject();
        }
        w.WriteNull("body");
        if (i.IsOpen) w.WriteNull("state_reason"); else w.WriteString("state_reason", "completed");
        w.WriteEndObject();
    }

    private static void WritePull(Utf8JsonWriter w, RepoFacts repo, IssueFacts i, string api)
    {
        var repoUrl = $"{api}/repos/{repo.Ref.FullName}";
        w.WriteStartObject();
        w.WriteString("url", $"{repoUrl}/pulls/{i.Number}");
        w.WriteNumber("id", i.Id);
        w.WriteString("node_id", NodeId("PR_", i.Id));
        w.WriteString("html_url", $"{repo.Ref.WebUrl}/pull/{i.Number}");
        w.WriteNumber("number", i.Number);
        w.WriteString("state", i.IsOpen ? "open" : "closed");
        w.WriteBoolean("locked", false);
        w.WriteString("title", i.Title);
        w.WritePropertyName("user");
        WriteUser(w, i.UserLogin, 5000 + i.Id % 100_000, false, api, null);
        w.WriteNull("body");
        w.WriteString("created_at", ApiJson.Seconds(i.CreatedAt));
        w.WriteString("updated_at", ApiJson.Seconds(i.UpdatedAt));
        WriteTime(w, "closed_at", i.ClosedAt);
        WriteTime(w, "merged_at", i.MergedAt);
        w.WriteBoolean("draft", false);
        w.WriteString("author_association", "NONE");
        w.WriteEndObject();
    }

    private void WriteCommitActivity(Utf8JsonWriter w, RepoFacts repo)
    {
        var weekStart = StartOfWeek(universe.Now).AddDays(-51 * 7);
        w.WriteStartArray();
        for (var k = 0; k < 52; k++)
        {
            var from = weekStart.AddDays(k * 7);
            var days = new int[7];
            foreach (var c in repo.Commits.Where(c => c.Date >= from && c.Date < from.AddDays(7)))
                days[(int)c.Date.DayOfWeek]++;
            w.WriteStartObject();
            w.WriteStartArray("days");
            foreach (var d in days)
                w.WriteNumberValue(d);
            w.WriteEndArray();
            w.WriteNumber("total", days.Sum());
            w.WriteNumber("week", from.ToUnixTimeSeconds());
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private void WriteParticipation(Utf8JsonWriter w, RepoFacts repo)
    {
        var owner = repo.Contributors.FirstOrDefault()?.Login;
        var weekStart = StartOfWeek(universe.Now).AddDays(-51 * 7);
        w.WriteStartObject();
        foreach (var (name, who) in new[] { ("all", (string?)null), ("owner", owner ?? "") })
        {
            w.WriteStartArray(name);
            for (var k = 0; k < 52; k++)
            {
                var from = weekStart.AddDays(k * 7);
                w.WriteNumberValue(repo.Commits.Count(c => c.Date >= from && c.Date < from.AddDays(7) && (who is null || c.Login == who)));
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static DateTimeOffset StartOfWeek(DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return day.AddDays(-(int)day.DayOfWeek);
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? at)
    {
        if (at is { } t) w.WriteString(name, ApiJson.Seconds(t)); else w.WriteNull(name);
    }

    private static string NodeId(string prefix, long id) => prefix + Convert.ToBase64String(BitConverter.GetBytes(id)).TrimEnd('=');

    private static UpstreamResponse Message(int status, string message, string docsPath = "") => UpstreamResponse.Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        w.WriteString("documentation_url", Docs + docsPath);
        w.WriteString("status", status.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    });
}
