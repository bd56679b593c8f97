using System.Text.Json;
using DepHealth.Collection.Tests.Faults;
using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Collectors;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Security;

/// <summary>
/// SSRF through repository URLs: a package's registry document, deps.dev's version links and PyPI's project URLs
/// name hostile repositories (internal addresses, a loopback canary, other schemes, non-GitHub hosts, github.com
/// look-alikes, encoded tricks, a 100 KB URL). Every request the collector sends is recorded below its resilience
/// pipeline: all go to the configured upstream server under a configured prefix, and the canary hears nothing.
/// </summary>
public sealed class RepositoryUrlSsrfTests : IAsyncLifetime
{
    private const string CanaryPort = "{canary}";
    private UpstreamWorld _world = null!;
    private LoopbackUpstream _canary = null!;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T12:00:00Z"));

    public async Task InitializeAsync()
    {
        _world = await UpstreamWorld.StartAsync();
        _canary = await LoopbackUpstream.StartAsync();
        _canary.Map(_ => true, _ => new CannedResponse(200, "{\"canary\":true}"));
    }

    public async Task DisposeAsync()
    {
        await _canary.DisposeAsync();
        await _world.DisposeAsync();
    }

    public static readonly string[] HostileUrls =
    [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://127.0.0.1:{canary}/chalk/chalk",
        "http://[::1]:{canary}/chalk/chalk",
        "http://localhost:{canary}/chalk/chalk",
        "http://10.0.0.1/chalk/chalk",
        "http://0x7f000001:{canary}/chalk/chalk",
        "http://2130706433:{canary}/chalk/chalk",
        "file:///etc/passwd",
        "gopher://127.0.0.1:{canary}/_GET%20/",
        "dict://127.0.0.1:{canary}/info",
        "ftp://127.0.0.1:{canary}/chalk",
        "javascript:alert(1)//github.com/chalk/chalk",
        "https://gitlab.com/chalk/chalk",
        "https://evil.example/github.com/chalk/chalk",
        "https://github.com.evil.example/chalk/chalk",
        "https://githubXcom/chalk/chalk",
        "https://user@github.com@127.0.0.1:{canary}/chalk/chalk",
        "https://github.com@127.0.0.1:{canary}/chalk/chalk",
        "https://github.com:443@127.0.0.1:{canary}/chalk/chalk",
        "https://github.com\\@127.0.0.1:{canary}/chalk/chalk",
        "https://127.0.0.1:{canary}#@github.com/chalk/chalk",
        "https://github%2Ecom/chalk/chalk",
        "https://github%252Ecom/chalk/chalk",
        "https://github.com%2F@127.0.0.1:{canary}/chalk/chalk",
        "https://github.com/chalk%2F..%2F..%2Frate_limit/chalk",
        "https://github.com/..%2F..%2F127.0.0.1:{canary}/x",
        "https://github.com/chalk/chalk/../../../127.0.0.1:{canary}",
        "git@127.0.0.1:{canary}:chalk/chalk.git",
        "github.com/chalk/chalk?@127.0.0.1:{canary}",
        "https://github.com/" + new string('a', 100_000) + "/chalk",
        "https://github.com/chalk/" + new string('b', 5_000),
    ];

    public static IEnumerable<object[]> Cases() =>
        from index in Enumerable.Range(0, HostileUrls.Length)
        from ecosystem in new[] { Ecosystem.Npm, Ecosystem.PyPI }
        select new object[] { index, ecosystem };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_repository_url_never_makes_the_collector_contact_another_host(int index, Ecosystem ecosystem)
    {
        var hostile = HostileUrls[index].Replace(CanaryPort, _canary.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var name = ecosystem == Ecosystem.Npm ? "chalk" : "requests";
        if (ecosystem == Ecosystem.Npm)
            MapNpm(hostile);
        else
            MapPyPI(hostile);
        using var recorder = new AttemptRecorder(_time);
        var urls = _world.Urls;
        using var client = new UpstreamClient(urls, new CollectionSettings(), _time, recorder);

        var result = await PackageCollector.WithScoring(client).CollectAsync(new CollectionRequest(ecosystem, name), existing: null);

        Assert.Empty(_canary.Requests);
        Assert.NotEmpty(recorder.Attempts);
        var prefixes = new[] { urls.DepsDev, urls.NpmRegistry, urls.NpmDownloads, urls.GitHub, urls.Bundlephobia, urls.PyPI, urls.PyPIStats }
            .Select(u => u!.AbsoluteUri).ToArray();
        foreach (var attempt in recorder.Attempts)
        {
            Assert.Equal(_world.Server.BaseUrl.Authority, attempt.Url.Authority);
            Assert.Contains(prefixes, p => attempt.Url.AbsoluteUri.StartsWith(p, StringComparison.Ordinal));
        }
        // GitHub, if asked at all, is asked only about a validated owner/name, under the configured base URL.
        foreach (var request in _world.Server.Requests.Where(r => r.PathAndQuery.StartsWith(UpstreamWorld.GitHubPrefix + "/", StringComparison.Ordinal)))
            Assert.Matches(@"^/github/repos/[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}(/[a-z]+)?(\?[^/]*)?$", request.PathAndQuery);
        // deps.dev's project lookup takes the id as one encoded path segment: it cannot leave the deps.dev prefix.
        foreach (var request in _world.Server.Requests.Where(r => r.PathAndQuery.StartsWith("/depsdev/v3alpha/projects/", StringComparison.Ordinal)))
            Assert.DoesNotContain('/', request.PathAndQuery["/depsdev/v3alpha/projects/".Length..]);
        // Only a URL that really names a github.com repository (here: one with a query) leads to GitHub at all.
        var repo = RepositoryUrls.ParseGitHub(hostile);
        Assert.Equal(repo is not null, result.Record.Sources!.Contains("github"));
        if (repo is not null)
            Assert.All(_world.Server.Requests.Where(r => r.PathAndQuery.StartsWith("/github/", StringComparison.Ordinal)),
                r => Assert.StartsWith($"/github/repos/{repo.Owner}/{repo.Name}", r.PathAndQuery, StringComparison.Ordinal));
        Assert.Contains("deps.dev", result.Record.Sources!);
        Assert.Equal("complete", result.Record.DataStatus);
    }

    /// <summary>chalk's recorded npm document and deps.dev version, with the hostile URL as repository, source link and project id.</summary>
    private void MapNpm(string hostile)
    {
        var latest = new Dictionary<string, object?>
        {
            ["name"] = "chalk",
            ["version"] = "2.4.2",
            ["license"] = "MIT",
            ["repository"] = new Dictionary<string, string> { ["type"] = "git", ["url"] = hostile },
            ["homepage"] = hostile,
        };
        _world.MapChalk(npmLatest: JsonSerializer.Serialize(latest));
        _world.Server.Map("/depsdev/v3alpha/systems/npm/packages/chalk/versions/2.4.2", new CannedResponse(200,
            VersionBody("chalk", "2.4.2", hostile)));
    }

    private void MapPyPI(string hostile)
    {
        var info = new Dictionary<string, object?>
        {
            ["info"] = new Dictionary<string, object?>
            {
                ["version"] = "2.32.3",
                ["author"] = "Kenneth Reitz",
                ["home_page"] = hostile,
                ["project_url"] = hostile,
                ["project_urls"] = new Dictionary<string, string> { ["Source"] = hostile, ["Homepage"] = hostile },
                ["classifiers"] = Array.Empty<string>(),
            },
            ["releases"] = new Dictionary<string, object> { ["2.32.3"] = new[] { new Dictionary<string, string> { ["upload_time_iso_8601"] = "2024-05-29T15:37:47Z" } } },
        };
        _world.Server.Map("/pypi-json/pypi/requests/json", new CannedResponse(200, JsonSerializer.Serialize(info)));
        _world.Server.Map("/pypistats/api/packages/requests/recent?period=week", new CannedResponse(200, """{"data":{"last_week":1000}}"""));
        _world.Server.Map("/depsdev/v3alpha/systems/pypi/packages/requests", new CannedResponse(200,
            """{"versions":[{"versionKey":{"version":"2.32.3"},"publishedAt":"2024-05-29T15:37:47Z","isDefault":true}]}"""));
        _world.Server.Map("/depsdev/v3alpha/systems/pypi/packages/requests/versions/2.32.3", new CannedResponse(200,
            VersionBody("requests", "2.32.3", hostile)));
        _world.Server.Map("/depsdev/v3alpha/systems/pypi/packages/requests/versions/2.32.3:dependents", new CannedResponse(200, """{"dependentCount":"5000"}"""));
        _world.MapGitHub("chalk", "chalk", TimeSpan.Zero);
    }

    /// <summary>A deps.dev version naming the hostile URL as its source link and (host-stripped, as deps.dev ids are) its project.</summary>
    private static string VersionBody(string name, string version, string hostile)
    {
        var id = hostile.Contains("://", StringComparison.Ordinal) ? hostile[(hostile.IndexOf("://", StringComparison.Ordinal) + 3)..] : hostile;
        var body = new Dictionary<string, object?>
        {
            ["versionKey"] = new Dictionary<string, string> { ["system"] = "NPM", ["name"] = name, ["version"] = version },
            ["licenses"] = new[] { "MIT" },
            ["links"] = new[] { new Dictionary<string, string> { ["label"] = "SOURCE_REPO", ["url"] = hostile } },
            ["relatedProjects"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["projectKey"] = new Dictionary<string, string> { ["id"] = id },
                    ["relationType"] = "SOURCE_REPO",
                },
            },
        };
        return JsonSerializer.Serialize(body);
    }
}
