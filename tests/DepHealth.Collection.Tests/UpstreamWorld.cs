using System.Text.Json;
using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Collectors;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;
using DepHealth.Testing;

namespace DepHealth.Collection.Tests;

/// <summary>
/// Every upstream on one loopback server, each under its own base URL (path prefix), answering for the
/// package chalk from the recorded responses in corpus/upstream where one exists, canned documented shapes otherwise.
/// </summary>
public sealed class UpstreamWorld : IAsyncDisposable
{
    public const string DepsDevPrefix = "/depsdev";
    public const string NpmPrefix = "/npm";
    public const string DownloadsPrefix = "/downloads-api";
    public const string GitHubPrefix = "/github";
    public const string BundlephobiaPrefix = "/bundlephobia";
    public const string PyPIPrefix = "/pypi-json";
    public const string PyPIStatsPrefix = "/pypistats";

    private UpstreamWorld(LoopbackUpstream server) => Server = server;

    public LoopbackUpstream Server { get; }

    public UpstreamOptions Urls => new()
    {
        DepsDev = new Uri(Server.BaseUrl, DepsDevPrefix + "/"),
        NpmRegistry = new Uri(Server.BaseUrl, NpmPrefix + "/"),
        NpmDownloads = new Uri(Server.BaseUrl, DownloadsPrefix + "/"),
        GitHub = new Uri(Server.BaseUrl, GitHubPrefix + "/"),
        Bundlephobia = new Uri(Server.BaseUrl, BundlephobiaPrefix + "/"),
        PyPI = new Uri(Server.BaseUrl, PyPIPrefix + "/"),
        PyPIStats = new Uri(Server.BaseUrl, PyPIStatsPrefix + "/"),
        GitHubToken = "ghp_test_token",
    };

    public static async Task<UpstreamWorld> StartAsync() => new(await LoopbackUpstream.StartAsync());

    /// <summary>The per-version document the registry serves at /{name}/latest: <c>versions[latest]</c> of the recorded packument.</summary>
    public static string NpmVersionDocument(string corpusFile, string version)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.CorpusFile("upstream", "npm-registry", corpusFile)));
        return doc.RootElement.GetProperty("versions").GetProperty(version).GetRawText();
    }

    public static string ChalkLatest => NpmVersionDocument("dependabot__dependabot-core__npm_responses__chalk.json", "2.4.2");

    public static readonly string[] GitHubCalls = ["", "/commits", "/contributors", "/issues", "/pulls"];

    /// <summary>Maps every call for chalk; <paramref name="delay"/> per upstream simulates latency.</summary>
    public void MapChalk(Func<Upstream, TimeSpan>? delay = null, string? npmLatest = null)
    {
        delay ??= _ => TimeSpan.Zero;
        var dd = delay(Upstream.DepsDev);
        Server.Map($"{DepsDevPrefix}/v3alpha/systems/npm/packages/chalk", new CannedResponse(200,
            """{"packageKey":{"system":"NPM","name":"chalk"},"versions":[{"versionKey":{"system":"NPM","name":"chalk","version":"2.4.1"},"publishedAt":"2018-04-26T05:12:55Z"},{"versionKey":{"system":"NPM","name":"chalk","version":"2.4.2"},"publishedAt":"2019-01-05T15:46:04Z","isDefault":true}]}""", Delay: dd));
        Server.Map($"{DepsDevPrefix}/v3alpha/systems/npm/packages/chalk/versions/2.4.2", new CannedResponse(200,
            """{"versionKey":{"system":"NPM","name":"chalk","version":"2.4.2"},"publishedAt":"2019-01-05T15:46:04Z","isDefault":true,"licenses":["MIT"],"advisoryKeys":[],"links":[{"label":"SOURCE_REPO","url":"git+https://github.com/chalk/chalk.git"}],"relatedProjects":[{"projectKey":{"id":"github.com/chalk/chalk"},"relationProvenance":"UNVERIFIED_METADATA","relationType":"SOURCE_REPO"}]}""", Delay: dd));
        Server.Map($"{DepsDevPrefix}/v3alpha/systems/npm/packages/chalk/versions/2.4.2:dependents", new CannedResponse(200,
            """{"dependentCount":"100234","directDependentCount":"80000","indirectDependentCount":"20234"}""", Delay: dd));
        Server.Map($"{DepsDevPrefix}/v3alpha/projects/github.com%2Fchalk%2Fchalk", new CannedResponse(200,
            """{"projectKey":{"id":"github.com/chalk/chalk"},"openIssuesCount":"5","starsCount":"21000","forksCount":"850","scorecard":{"overallScore":6.8,"checks":[{"name":"Maintained","documentation":{"shortDescription":"x","url":"https://scorecard.dev/m"},"score":10,"reason":"ok"}]}}""", Delay: dd));

        Server.Map($"{NpmPrefix}/chalk/latest", new CannedResponse(200, npmLatest ?? ChalkLatest, Delay: delay(Upstream.NpmRegistry)));
        Server.Map($"{DownloadsPrefix}/downloads/point/last-week/chalk", new CannedResponse(200,
            """{"downloads":250000000,"start":"2026-11-19","end":"2026-11-25","package":"chalk"}""", Delay: delay(Upstream.NpmDownloads)));
        Server.Map($"{BundlephobiaPrefix}/api/size?package=chalk@2.4.2", new CannedResponse(200,
            File.ReadAllText(RepoPaths.CorpusFile("upstream", "bundlephobia", "shfshanyue__blog__bundlephobia_api_size_react@17.0.1.json")),
            Delay: delay(Upstream.Bundlephobia)));
        MapGitHub("chalk", "chalk", delay(Upstream.GitHub));
    }

    /// <summary>The five GitHub calls for owner/repo: the recorded repository body, and small canned lists.</summary>
    public void MapGitHub(string owner, string repo, TimeSpan delay, Func<string, string?>? etagFor = null)
    {
        var root = $"{GitHubPrefix}/repos/{owner}/{repo}";
        var bodies = new Dictionary<string, string>
        {
            [""] = File.ReadAllText(RepoPaths.CorpusFile("upstream", "github-repos", "dependabot__dependabot-core__github__business_repo.json")),
            ["/commits"] = """[{"sha":"a","commit":{"author":{"date":"2026-11-20T10:00:00Z"}},"author":{"login":"sindresorhus"}},{"sha":"b","commit":{"author":{"date":"2026-11-10T10:00:00Z"}},"author":{"login":"sindresorhus"}},{"sha":"c","commit":{"author":{"date":"2026-11-01T10:00:00Z"}},"author":{"login":"qix-"}},{"sha":"d","commit":{"author":{"date":"2026-10-01T10:00:00Z"}},"author":{"login":"dependabot[bot]"}}]""",
            ["/contributors"] = """[{"login":"sindresorhus","contributions":500},{"login":"qix-","contributions":120},{"login":"other","contributions":3}]""",
            ["/issues"] = """[{"number":1,"state":"closed","comments":3},{"number":2,"state":"open","comments":1},{"number":3,"state":"open","comments":0},{"number":4,"state":"open","comments":2,"pull_request":{"url":"x"}}]""",
            ["/pulls"] = """[{"number":4,"created_at":"2026-11-15T00:00:00Z","merged_at":"2026-11-16T00:00:00Z"},{"number":5,"created_at":"2026-11-18T00:00:00Z","merged_at":null},{"number":6,"created_at":"2025-01-01T00:00:00Z","merged_at":"2025-01-02T00:00:00Z"}]""",
        };
        foreach (var (suffix, body) in bodies)
        {
            var etag = $"\"etag-{owner}-{repo}{suffix.Replace('/', '-')}\"";
            Server.Map(request =>
                request.StartsWith(root + suffix, StringComparison.Ordinal) &&
                (request.Length == (root + suffix).Length || request[(root + suffix).Length] == '?'),
                request => request.Headers.IfNoneMatch.ToString() == etag
                    ? new CannedResponse(304, "", new Dictionary<string, string> { ["ETag"] = etag }, delay)
                    : new CannedResponse(200, body, new Dictionary<string, string>
                    {
                        ["ETag"] = etag,
                        ["x-ratelimit-remaining"] = "4990",
                        ["x-ratelimit-reset"] = "1900000000",
                    }, delay));
        }
    }

    public PackageCollector Collector(TimeProvider time, CollectionSettings? settings = null, Action<PackageRecord>? score = null,
        DepHealth.Core.Storage.IPackageStore? store = null, UpstreamOptions? urls = null, GitHubRateLimit? rateLimit = null)
    {
        var client = new UpstreamClient(urls ?? Urls, settings ?? new CollectionSettings(), time);
        _clients.Add(client);
        return new PackageCollector(client, store, score, rateLimit);
    }

    private readonly List<UpstreamClient> _clients = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        await Server.DisposeAsync();
    }
}
