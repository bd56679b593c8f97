using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Collectors;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Collectors;

public sealed class RegistryCollectorTests : UpstreamClientTestBase
{
    [Fact]
    public async Task Npm_maps_the_recorded_version_document_of_chalk()
    {
        _world.MapChalk();
        var npm = new NpmCollector(_client);

        var latest = await npm.GetLatestAsync("chalk", Context(), default);
        var downloads = await npm.GetWeeklyDownloadsAsync("chalk", Context(), default);

        Assert.True(latest.IsOk, latest.Reason);
        var r = latest.Value!;
        Assert.Equal("2.4.2", r.LatestVersion);
        Assert.Equal(["qix", "sindresorhus"], r.Maintainers);
        Assert.Equal(2, r.MaintainerCount);
        Assert.False(r.IsDeprecated);
        Assert.True(r.HasTypes);
        Assert.Equal("commonjs", r.ModuleType);
        Assert.False(r.HasExports);
        Assert.Equal(">=4", r.Engines!["node"]);
        Assert.Equal("https://github.com/chalk/chalk", r.RepositoryUrl);
        Assert.Equal(3, r.DependenciesDirect);
        Assert.Equal(250000000, downloads.Value);
        // The small document, never the packument.
        Assert.Contains(_world.Server.Requests, q => q.PathAndQuery == "/npm/chalk/latest");
        Assert.DoesNotContain(_world.Server.Requests, q => q.PathAndQuery == "/npm/chalk");
    }

    [Fact]
    public async Task Npm_maps_the_recorded_etag_document_and_deprecation_and_esm_shapes()
    {
        _world.Server.Map("/npm/etag/latest", new CannedResponse(200,
            UpstreamWorld.NpmVersionDocument("dependabot__dependabot-core__npm_responses__etag.json", "1.7.0")));
        _world.Server.Map("/npm/@scope%2Fold/latest", new CannedResponse(200,
            """{"name":"@scope/old","version":"1.0.0","deprecated":"use better-pkg instead","type":"module","exports":{".":"./index.js"},"typings":"index.d.ts","repository":"github:scope/old","maintainers":[{"name":"a"}]}"""));
        var npm = new NpmCollector(_client);

        var etag = (await npm.GetLatestAsync("etag", Context(), default)).Value!;
        var old = (await npm.GetLatestAsync("@scope/old", Context(), default)).Value!;

        Assert.Equal("1.7.0", etag.LatestVersion);
        Assert.Equal(["dougwilson"], etag.Maintainers);
        Assert.Equal("https://github.com/jshttp/etag", etag.RepositoryUrl);
        Assert.False(etag.HasTypes);
        Assert.Equal(0, etag.DependenciesDirect);
        Assert.True(old.IsDeprecated);
        Assert.Contains("better-pkg", old.DeprecationMessage);
        Assert.Equal("module", old.ModuleType);
        Assert.True(old.HasExports);
        Assert.True(old.HasTypes);
        Assert.Equal("https://github.com/scope/old", old.RepositoryUrl);
    }

    [Fact]
    public async Task Npm_not_found_and_invalid_json_are_results()
    {
        _world.Server.Map("/npm/garbled/latest", new CannedResponse(200, "{not json"));
        var npm = new NpmCollector(_client);
        Assert.Equal(SourceStatus.NotFound, (await npm.GetLatestAsync("absent", Context(), default)).Status);
        var garbled = await npm.GetLatestAsync("garbled", Context(), default);
        Assert.Equal(SourceStatus.Failed, garbled.Status);
        Assert.Equal("invalid_json_response", garbled.Reason);
    }

    [Fact]
    public async Task Bundlephobia_maps_the_recorded_response_and_treats_429_as_retry_later()
    {
        _world.MapChalk();
        var options = UpstreamResilienceOptionsWithoutRetry();
        using var client = new UpstreamClient(_world.Urls, new CollectionSettings { Resilience = { [Upstream.Bundlephobia] = options } }, _time);
        var bundlephobia = new BundlephobiaCollector(client);
        _world.Server.Map("/bundlephobia/api/size?package=busy@1.0.0", new CannedResponse(429, "429: Too Many Requests.",
            new Dictionary<string, string> { ["Retry-After"] = "3600" }));

        var size = await bundlephobia.GetSizeAsync("chalk", "2.4.2", [], Context(), default);
        var busy = await bundlephobia.GetSizeAsync("busy", "1.0.0", [], Context(), default);

        Assert.True(size.IsOk, size.Reason);
        Assert.Equal(7128, size.Value!.BundleSize);
        Assert.Equal(2908, size.Value.BundleSizeGzip);
        Assert.Equal(2, size.Value.BundleDependencyCount);
        Assert.Equal("tiny", size.Value.BundleSizeCategory);
        Assert.Equal(SourceStatus.Failed, busy.Status);
        Assert.Equal("rate_limited", busy.Reason);
    }

    private static DepHealth.Core.Collection.Resilience.UpstreamResilienceOptions UpstreamResilienceOptionsWithoutRetry()
    {
        var options = DepHealth.Core.Collection.Resilience.UpstreamResilienceOptions.For(Upstream.Bundlephobia);
        options.MaxRetryAttempts = 0;
        return options;
    }

    // reference §6.6 bundlephobia categories
    [Theory]
    [InlineData(1024, "tiny")]
    [InlineData(4 * 1024, "tiny")]
    [InlineData(5 * 1024, "small")]
    [InlineData(19 * 1024, "small")]
    [InlineData(20 * 1024, "medium")]
    [InlineData(99 * 1024, "medium")]
    [InlineData(500 * 1024, "huge")]
    [InlineData(1024 * 1024, "huge")]
    [InlineData(0, "tiny")]
    [InlineData(300 * 1024, "large")]
    public void Bundle_size_categories(long gzip, string category) =>
        Assert.Equal(category, BundlephobiaCollector.SizeCategory(gzip));

    [Fact]
    public async Task PyPI_maps_metadata_releases_classifiers_and_pypistats()
    {
        _world.Server.Map("/pypi-json/pypi/requests/json", new CannedResponse(200, """
            {"info":{"name":"requests","version":"2.32.3","author":"Kenneth Reitz","maintainer":"","requires_python":">=3.8",
              "license":"Apache-2.0","classifiers":["Development Status :: 5 - Production/Stable","Programming Language :: Python :: 3",
              "Programming Language :: Python :: 3.12","Programming Language :: Python :: Implementation :: CPython"],
              "project_urls":{"Documentation":"https://requests.readthedocs.io","Source":"https://github.com/psf/requests"},
              "requires_dist":["charset_normalizer<4,>=2","idna<4,>=2.5","PySocks!=1.5.7,>=1.5.6; extra == \"socks\""]},
             "releases":{"0.2.0":[{"upload_time":"2011-02-14T00:00:00","upload_time_iso_8601":"2011-02-14T00:00:00.000000Z"}],
                         "1.0.0":[],"2.32.3":[{"upload_time_iso_8601":"2024-05-29T15:37:47.000000Z"}]}}
            """));
        _world.Server.Map("/pypistats/api/packages/requests/recent?period=week", new CannedResponse(200,
            """{"data":{"last_day":1,"last_month":4,"last_week":123456789},"package":"requests","type":"recent_downloads"}"""));
        var pypi = new PyPICollector(_client);

        var meta = await pypi.GetMetadataAsync("requests", Context(), default);
        var downloads = await pypi.GetWeeklyDownloadsAsync("requests", Context(), default);

        Assert.True(meta.IsOk, meta.Reason);
        var r = meta.Value!;
        Assert.Equal("2.32.3", r.LatestVersion);
        Assert.Equal(["Kenneth Reitz"], r.Maintainers);
        Assert.Equal("5 - Production/Stable", r.DevelopmentStatus);
        Assert.Equal(["3", "3.12"], r.PythonVersions);
        Assert.Equal(">=3.8", r.RequiresPython);
        Assert.False(r.IsDeprecated);
        Assert.Equal(DateTimeOffset.Parse("2011-02-14T00:00:00Z"), r.CreatedAt);
        Assert.Equal(DateTimeOffset.Parse("2024-05-29T15:37:47Z"), r.LastPublished);
        Assert.Equal("https://github.com/psf/requests", r.RepositoryUrl);
        Assert.Equal(2, r.DependenciesDirect);
        Assert.Equal(123456789, downloads.Value);
    }

    [Fact]
    public async Task Unconfigured_registries_are_skipped_without_any_request()
    {
        using var client = new UpstreamClient(new UpstreamOptions(), new CollectionSettings(), _time);
        Assert.Equal(SourceStatus.Skipped, (await new NpmCollector(client).GetLatestAsync("chalk", Context(), default)).Status);
        Assert.Equal(SourceStatus.Skipped, (await new NpmCollector(client).GetWeeklyDownloadsAsync("chalk", Context(), default)).Status);
        Assert.Equal(SourceStatus.Skipped, (await new PyPICollector(client).GetMetadataAsync("requests", Context(), default)).Status);
        Assert.Equal(SourceStatus.Skipped, (await new PyPICollector(client).GetWeeklyDownloadsAsync("requests", Context(), default)).Status);
        Assert.Empty(_world.Server.Requests);
    }
}
