using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Collectors;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Collectors;

public sealed class DepsDevCollectorTests : IAsyncLifetime
{
    private LoopbackUpstream _server = null!;
    private UpstreamClient _client = null!;
    private readonly FakeTimeProvider _time = new();

    public async Task InitializeAsync()
    {
        _server = await LoopbackUpstream.StartAsync();
        _client = new UpstreamClient(new UpstreamOptions { DepsDev = _server.BaseUrl }, new CollectionSettings(), _time);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private CollectionContext Context() => new(new CallRecorder(_time));

    [Fact]
    public async Task Maps_the_recorded_package_and_version_responses()
    {
        _server.MapFile("/v3alpha/systems/npm/packages/defangjs",
            RepoPaths.CorpusFile("upstream", "depsdev", "edoardottt__depsdev__v3_GetPackage_npm_defangjs.json"));
        _server.MapFile("/v3alpha/systems/npm/packages/defangjs/versions/1.0.7",
            RepoPaths.CorpusFile("upstream", "depsdev", "edoardottt__depsdev__v3_GetVersion_npm_defangjs_1.0.7.json"));
        var collector = new DepsDevCollector(_client);

        var package = await collector.GetPackageAsync(Ecosystem.Npm, "defangjs", Context(), default);
        Assert.True(package.IsOk, package.Reason);
        var version = await collector.GetVersionAsync(Ecosystem.Npm, "defangjs", package.Value!.DefaultVersion, Context(), default);
        Assert.True(version.IsOk, version.Reason);

        var record = new PackageRecord();
        DepsDevCollector.Apply(package.Value, version.Value, null, null, record);

        Assert.Equal("1.0.7", record.LatestVersion);
        Assert.Equal(DateTimeOffset.Parse("2022-03-10T19:53:06Z"), record.CreatedAt);
        Assert.Equal(DateTimeOffset.Parse("2023-05-16T09:48:31Z"), record.LastPublished);
        Assert.Equal(["GPL-3.0"], record.Licenses);
        Assert.Empty(record.Advisories!);
        Assert.Equal("https://github.com/edoardottt/defangjs", record.RepositoryUrl);
        Assert.Equal("github.com/edoardottt/defangjs", version.Value!.ProjectId);
        Assert.False(record.IsDeprecated);
    }

    [Fact]
    public async Task Encodes_scoped_names_and_maps_dependents_project_and_advisories()
    {
        // Shapes per reference/upstream-apis.md (no recording of these three exists): dependentCount is an int64 string.
        _server.Map("/v3alpha/systems/npm/packages/%40babel%2Fcore", new CannedResponse(200,
            """{"packageKey":{"system":"NPM","name":"@babel/core"},"versions":[{"versionKey":{"system":"NPM","name":"@babel/core","version":"7.0.0"},"publishedAt":"2018-08-27T00:00:00Z"},{"versionKey":{"system":"NPM","name":"@babel/core","version":"7.26.0"},"publishedAt":"2024-10-25T00:00:00Z","isDefault":true},{"versionKey":{"system":"NPM","name":"@babel/core","version":"8.0.0-alpha.1"},"publishedAt":"2025-01-01T00:00:00Z"}]}"""));
        _server.Map("/v3alpha/systems/npm/packages/%40babel%2Fcore/versions/7.26.0", new CannedResponse(200,
            """{"versionKey":{"system":"NPM","name":"@babel/core","version":"7.26.0"},"publishedAt":"2024-10-25T00:00:00Z","isDefault":true,"licenses":["MIT"],"advisoryKeys":[{"id":"GHSA-67hx-6x53-jw92"}],"links":[{"label":"SOURCE_REPO","url":"https://github.com/babel/babel"}],"relatedProjects":[{"projectKey":{"id":"github.com/babel/babel"},"relationProvenance":"UNVERIFIED_METADATA","relationType":"SOURCE_REPO"}]}"""));
        _server.Map("/v3alpha/systems/npm/packages/%40babel%2Fcore/versions/7.26.0:dependents", new CannedResponse(200,
            """{"dependentCount":"150000","directDependentCount":"90000","indirectDependentCount":"60000"}"""));
        _server.Map("/v3alpha/projects/github.com%2Fbabel%2Fbabel", new CannedResponse(200,
            """{"projectKey":{"id":"github.com/babel/babel"},"openIssuesCount":"800","starsCount":"43000","forksCount":"5600","scorecard":{"date":"2026-11-01T00:00:00Z","overallScore":7.5,"checks":[{"name":"Maintained","documentation":{"shortDescription":"active","url":"https://scorecard.dev/maintained"},"score":10,"reason":"30 commits"},{"name":"Code-Review","documentation":{"shortDescription":"reviews","url":"https://scorecard.dev/review"},"score":-1,"reason":"not run"}]}}"""));
        var collector = new DepsDevCollector(_client);

        var package = await collector.GetPackageAsync(Ecosystem.Npm, "@babel/core", Context(), default);
        var version = await collector.GetVersionAsync(Ecosystem.Npm, "@babel/core", package.Value!.DefaultVersion, Context(), default);
        var dependents = await collector.GetDependentsAsync(Ecosystem.Npm, "@babel/core", package.Value.DefaultVersion, Context(), default);
        var project = await collector.GetProjectAsync(version.Value!.ProjectId!, ["depsdev.version"], Context(), default);
        var record = new PackageRecord();
        DepsDevCollector.Apply(package.Value, version.Value, dependents.Value, project.Value, record);

        Assert.Equal("7.26.0", record.LatestVersion);
        Assert.Equal(150000, record.DependentsCount);
        Assert.Equal("GHSA-67hx-6x53-jw92", Assert.Single(record.Advisories!).Id);
        Assert.Equal(7.5, record.OpenSsfScore);
        Assert.Equal(2, record.OpenSsfChecks!.Count);
        Assert.Equal("Maintained", record.OpenSsfChecks[0].Name);
        Assert.Equal(10, record.OpenSsfChecks[0].Score);
        Assert.Equal(43000, record.Stars);
        Assert.Equal(5600, record.Forks);
        Assert.Equal(DateTimeOffset.Parse("2018-08-27T00:00:00Z"), record.CreatedAt);
    }

    [Fact]
    public async Task Not_found_failures_and_bad_bodies_are_results_not_exceptions()
    {
        _server.Map("/v3alpha/systems/npm/packages/broken", new CannedResponse(200, "<html>oops"));
        _server.Map("/v3alpha/systems/npm/packages/empty", new CannedResponse(200, "{\"versions\":[]}"));
        var collector = new DepsDevCollector(_client);

        Assert.Equal(SourceStatus.NotFound, (await collector.GetPackageAsync(Ecosystem.Npm, "absent", Context(), default)).Status);
        var broken = await collector.GetPackageAsync(Ecosystem.Npm, "broken", Context(), default);
        Assert.Equal(SourceStatus.Failed, broken.Status);
        Assert.Equal("invalid_json_response", broken.Reason);
        Assert.Equal(SourceStatus.Failed, (await collector.GetPackageAsync(Ecosystem.Npm, "empty", Context(), default)).Status);

        using var unconfigured = new UpstreamClient(new UpstreamOptions { DepsDev = null }, new CollectionSettings(), _time);
        var skipped = await new DepsDevCollector(unconfigured).GetPackageAsync(Ecosystem.Npm, "x", Context(), default);
        Assert.Equal(SourceStatus.Skipped, skipped.Status);
    }
}
