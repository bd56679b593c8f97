using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Collectors;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Resilience;
using DepHealth.Core.Packages;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Orchestration;

public sealed class PackageCollectorTests : IAsyncLifetime
{
    private UpstreamWorld _world = null!;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T12:00:00Z"));

    public async Task InitializeAsync() => _world = await UpstreamWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    /// <summary>No retries: fake time never advances by itself, so a retry delay would wait forever.</summary>
    private static CollectionSettings NoRetries()
    {
        var settings = new CollectionSettings();
        foreach (var upstream in Upstreams.All)
        {
            var options = UpstreamResilienceOptions.For(upstream);
            options.MaxRetryAttempts = 0;
            settings.Resilience[upstream] = options;
        }
        return settings;
    }

    [Fact]
    public async Task Collects_every_source_into_one_complete_record()
    {
        _world.MapChalk();
        var scored = 0;
        var collector = _world.Collector(_time, score: _ => scored++);

        var result = await collector.CollectAsync(new CollectionRequest(Ecosystem.Npm, "Chalk", Tier: 1), existing: null);
        var r = result.Record;

        Assert.Equal("npm", r.Ecosystem);
        Assert.Equal("chalk", r.Name);
        Assert.Equal(1, r.Tier);
        Assert.Equal("2.4.2", r.LatestVersion);
        Assert.Equal(DateTimeOffset.Parse("2018-04-26T05:12:55Z"), r.CreatedAt);
        Assert.Equal(DateTimeOffset.Parse("2019-01-05T15:46:04Z"), r.LastPublished);
        Assert.Equal(250000000, r.WeeklyDownloads);
        Assert.Equal(100234, r.DependentsCount);
        Assert.Equal(133, r.Stars); // GitHub wins over deps.dev's project counters
        Assert.Equal(6.8, r.OpenSsfScore);
        Assert.Equal(["MIT"], r.Licenses);
        Assert.Equal("https://github.com/chalk/chalk", r.RepositoryUrl);
        Assert.Equal(7128, r.BundleSize);
        Assert.Equal(2, r.MaintainerCount);
        Assert.Equal(4, r.Commits90d);
        Assert.Equal(["deps.dev", "npm", "bundlephobia", "github"], r.Sources);
        Assert.Equal("complete", r.DataStatus);
        Assert.Empty(r.MissingSources!);
        Assert.Equal(0, r.RetryCount);
        Assert.Null(r.NextRetryAt);
        Assert.Equal("fresh", r.DataFreshness);
        Assert.Equal(_time.GetUtcNow(), r.CollectedAt);
        Assert.Equal(1, scored);

        var calls = result.Calls.ToDictionary(c => c.Call);
        Assert.Equal(12, calls.Count);
        Assert.Equal(["depsdev.package"], calls["depsdev.version"].DependsOn);
        Assert.Equal(["depsdev.package"], calls["depsdev.dependents"].DependsOn);
        Assert.Equal(["npm.latest"], calls["bundlephobia.size"].DependsOn);
        // The repository comes from whichever of the registry document and deps.dev's version names it first (both do
        // here), so which one the GitHub and project calls waited for depends on which answered first.
        var repositoryFrom = Assert.Single(calls["github.commits"].DependsOn);
        Assert.Contains(repositoryFrom, new[] { "npm.latest", "depsdev.version" });
        Assert.Equal([repositoryFrom], calls["depsdev.project"].DependsOn);
        Assert.Empty(calls["npm.downloads"].DependsOn);
    }

    [Fact]
    public async Task Hostile_repository_urls_are_never_contacted()
    {
        await using var trap = await LoopbackUpstream.StartAsync();
        var trapHost = trap.BaseUrl.Authority;
        _world.MapChalk(npmLatest: $$$"""{"name":"chalk","version":"2.4.2","repository":{"type":"git","url":"http://{{{trapHost}}}/chalk/chalk"}}""");
        // deps.dev names a look-alike with user-info pointing at the trap, and no related project.
        _world.Server.Map("/depsdev/v3alpha/systems/npm/packages/chalk/versions/2.4.2", new CannedResponse(200,
            $$"""{"versionKey":{"version":"2.4.2"},"licenses":["MIT"],"links":[{"label":"SOURCE_REPO","url":"https://github.com@{{trapHost}}/chalk/chalk"}]}"""));
        var collector = _world.Collector(_time);

        var result = await collector.CollectAsync(new CollectionRequest(Ecosystem.Npm, "chalk"), existing: null);

        Assert.Empty(trap.Requests);
        Assert.DoesNotContain(_world.Server.Requests, q => q.PathAndQuery.StartsWith("/github/", StringComparison.Ordinal));
        Assert.DoesNotContain(_world.Server.Requests, q => q.PathAndQuery.StartsWith("/depsdev/v3alpha/projects/", StringComparison.Ordinal));
        Assert.DoesNotContain("github", result.Record.Sources!);
        Assert.DoesNotContain("github", result.Record.MissingSources!);
        Assert.Equal("complete", result.Record.DataStatus);
    }

    [Fact]
    public async Task A_failing_source_keeps_its_previous_values_marked_stale_and_schedules_a_retry()
    {
        _world.MapChalk();
        var collector = _world.Collector(_time, NoRetries());
        var first = (await collector.CollectAsync(new CollectionRequest(Ecosystem.Npm, "chalk"), existing: null)).Record;
        Assert.Equal("complete", first.DataStatus);

        // GitHub and bundlephobia go down.
        _world.Server.Map(q => q.StartsWith("/github/", StringComparison.Ordinal), _ => new CannedResponse(503));
        _world.Server.Map("/bundlephobia/api/size?package=chalk@2.4.2", new CannedResponse(504));
        var later = new FakeTimeProvider(_time.GetUtcNow().AddDays(1));
        var again = await _world.Collector(later, NoRetries()).CollectAsync(new CollectionRequest(Ecosystem.Npm, "chalk"), first);
        var r = again.Record;

        Assert.Equal(first.Commits90d, r.Commits90d);
        Assert.Equal(first.TrueBusFactor, r.TrueBusFactor);
        Assert.Equal(first.ContributionDistribution, r.ContributionDistribution);
        Assert.Equal(first.GitHubEtags, r.GitHubEtags);
        Assert.Equal(first.BundleSize, r.BundleSize);
        Assert.Equal(first.BundleSizeCategory, r.BundleSizeCategory);
        Assert.Equal("stale", r.DataFreshness);
        Assert.Equal(["bundlephobia", "github"], r.StaleSources!.Order());
        Assert.Contains("github_", r.StaleReason);
        Assert.Equal(["bundlephobia", "github"], r.MissingSources!.Order());
        Assert.Equal("partial", r.DataStatus);
        Assert.Equal(0, r.RetryCount);
        Assert.Equal(later.GetUtcNow().AddHours(1), r.NextRetryAt);
        Assert.DoesNotContain("github", r.Sources!);
        Assert.Contains("deps.dev", r.Sources!);
    }

    [Fact]
    public async Task Deps_dev_down_is_minimal_and_abandoned_after_five_retries()
    {
        _world.MapChalk();
        _world.Server.Map(q => q.StartsWith("/depsdev/", StringComparison.Ordinal), _ => new CannedResponse(500));
        var collector = _world.Collector(_time, NoRetries());
        var existing = new PackageRecord { Ecosystem = "npm", Name = "chalk", RetryCount = 4, OpenSsfScore = 5.5, DependentsCount = 42 };

        var retry = await collector.CollectAsync(new CollectionRequest(Ecosystem.Npm, "chalk", IsRetry: true), existing);
        var early = await collector.CollectAsync(new CollectionRequest(Ecosystem.Npm, "chalk", IsRetry: true),
            new PackageRecord { RetryCount = 1 });

        Assert.Equal("abandoned_minimal", retry.Record.DataStatus);
        Assert.Equal(5, retry.Record.RetryCount);
        Assert.Null(retry.Record.NextRetryAt);
        Assert.Equal(5.5, retry.Record.OpenSsfScore);
        Assert.Equal(42, retry.Record.DependentsCount);
        Assert.Contains("deps.dev", retry.Record.StaleSources!);
        Assert.Equal("minimal", early.Record.DataStatus);
        Assert.Equal(2, early.Record.RetryCount);
        Assert.Equal(_time.GetUtcNow().AddHours(4), early.Record.NextRetryAt);
    }

    [Fact]
    public async Task Unconfigured_sources_are_reported_missing_not_guessed()
    {
        _world.MapChalk();
        var urls = _world.Urls;
        urls.NpmDownloads = null;
        urls.Bundlephobia = null;
        var result = await _world.Collector(_time, urls: urls).CollectAsync(new CollectionRequest(Ecosystem.Npm, "chalk"), null);

        Assert.Equal(["bundlephobia", "npm"], result.Record.MissingSources!.Order());
        Assert.Equal("partial", result.Record.DataStatus);
        Assert.Null(result.Record.WeeklyDownloads);
        Assert.DoesNotContain(_world.Server.Requests, q => q.PathAndQuery.StartsWith("/bundlephobia/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PyPI_graph_collects_registry_downloads_deps_dev_and_github()
    {
        _world.Server.Map("/pypi-json/pypi/requests/json", new CannedResponse(200,
            """{"info":{"version":"2.32.3","author":"Kenneth Reitz","project_urls":{"Source":"https://github.com/psf/requests"},"classifiers":[]},"releases":{"2.32.3":[{"upload_time_iso_8601":"2024-05-29T15:37:47Z"}]}}"""));
        _world.Server.Map("/pypistats/api/packages/requests/recent?period=week", new CannedResponse(200, """{"data":{"last_week":1000}}"""));
        _world.Server.Map("/depsdev/v3alpha/systems/pypi/packages/requests", new CannedResponse(200,
            """{"versions":[{"versionKey":{"version":"2.32.3"},"publishedAt":"2024-05-29T15:37:47Z","isDefault":true}]}"""));
        _world.Server.Map("/depsdev/v3alpha/systems/pypi/packages/requests/versions/2.32.3", new CannedResponse(200,
            """{"licenses":["Apache-2.0"],"advisoryKeys":[{"id":"GHSA-9wx4-h78v-vm56"}],"relatedProjects":[{"projectKey":{"id":"github.com/psf/requests"},"relationType":"SOURCE_REPO"}]}"""));
        _world.Server.Map("/depsdev/v3alpha/systems/pypi/packages/requests/versions/2.32.3:dependents", new CannedResponse(200, """{"dependentCount":"5000"}"""));
        _world.MapGitHub("psf", "requests", TimeSpan.Zero);

        var result = await _world.Collector(_time).CollectAsync(new CollectionRequest(Ecosystem.PyPI, "Requests"), null);
        var r = result.Record;

        Assert.Equal("pypi", r.Ecosystem);
        Assert.Equal("requests", r.Name);
        Assert.Equal(1000, r.WeeklyDownloads);
        Assert.Equal(5000, r.DependentsCount);
        Assert.Equal("GHSA-9wx4-h78v-vm56", Assert.Single(r.Advisories!).Id);
        Assert.Equal(133, r.Stars);
        Assert.Equal("https://github.com/psf/requests", r.RepositoryUrl);
        Assert.Equal(["deps.dev", "pypi", "github"], r.Sources);
        Assert.Equal("complete", r.DataStatus);
        Assert.DoesNotContain(result.Calls, c => c.Call.StartsWith("bundlephobia", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, false, "partial", 0, 1)]
    [InlineData(1, false, "partial", 1, 2)]
    [InlineData(3, false, "partial", 3, 8)]
    [InlineData(4, false, "partial", 4, 24)]
    [InlineData(5, false, "partial", 5, null)]
    [InlineData(4, true, "minimal", 4, 24)]
    [InlineData(5, true, "abandoned_minimal", 5, null)]
    public void Retry_schedule(int retryCount, bool depsDevMissing, string status, int storedCount, int? hours)
    {
        var now = DateTimeOffset.Parse("2026-11-27T12:00:00Z");
        var record = new PackageRecord();
        DataStatus.Apply(record, depsDevMissing ? ["deps.dev"] : ["github"], retryCount, now);
        Assert.Equal(status, record.DataStatus);
        Assert.Equal(storedCount, record.RetryCount);
        Assert.Equal(hours is null ? null : now.AddHours(hours.Value), record.NextRetryAt);

        var complete = new PackageRecord();
        DataStatus.Apply(complete, [], retryCount, now);
        Assert.Equal("complete", complete.DataStatus);
        Assert.Equal(0, complete.RetryCount);
        Assert.Null(complete.NextRetryAt);
    }
}
