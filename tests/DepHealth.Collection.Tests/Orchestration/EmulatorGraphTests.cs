using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream;
using DepHealth.Emulator.Upstream.Hosting;

namespace DepHealth.Collection.Tests.Orchestration;

/// <summary>
/// The collector against the upstream emulator, with real latencies: the emulator's request log shows
/// which calls ran at the same time. (Speed itself is measured by bench/, not asserted here.)
/// </summary>
public sealed class EmulatorGraphTests : IAsyncLifetime
{
    private UpstreamEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        var options = new UpstreamEmulatorOptions { SyntheticPackagesPerEcosystem = 5 };
        options.Latency[UpstreamKind.DepsDev] = LatencyProfile.Milliseconds(150);
        options.Latency[UpstreamKind.Npm] = LatencyProfile.Milliseconds(100);
        options.Latency[UpstreamKind.NpmDownloads] = LatencyProfile.Milliseconds(100);
        options.Latency[UpstreamKind.GitHub] = LatencyProfile.Milliseconds(150);
        options.Latency[UpstreamKind.Bundlephobia] = LatencyProfile.Milliseconds(200);
        _emulator = await UpstreamEmulator.StartAsync(options);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private UpstreamOptions Urls()
    {
        var urls = new UpstreamOptions();
        foreach (var upstream in Upstreams.All)
            urls.SetBaseUrl(upstream, UpstreamOptions.ParseBaseUrl(_emulator.BaseUrls.EnvironmentVariables.Single(v => v.Key == upstream.EnvironmentVariable()).Value));
        return urls;
    }

    private async Task<CollectionResult> CollectAsync(CollectionSettings settings, string name = "express")
    {
        using var client = new UpstreamClient(Urls(), settings, TimeProvider.System);
        return await PackageCollector.WithScoring(client).CollectAsync(new CollectionRequest(Ecosystem.Npm, name), existing: null);
    }

    private static void AssertAllOverlap(IReadOnlyList<RequestLogEntry> requests)
    {
        foreach (var a in requests)
        {
            foreach (var b in requests)
                Assert.True(a.Overlaps(b), $"{a.Path} [{a.Start:HH:mm:ss.fff}-{a.End:HH:mm:ss.fff}] and {b.Path} [{b.Start:HH:mm:ss.fff}-{b.End:HH:mm:ss.fff}] did not overlap");
        }
    }

    [Fact]
    public async Task The_graph_overlaps_deps_dev_follow_ups_and_the_github_calls()
    {
        var result = await CollectAsync(new CollectionSettings());

        Assert.Equal("complete", result.Record.DataStatus);
        Assert.NotNull(result.Record.HealthScore);
        var depsDev = _emulator.Log.For(UpstreamKind.DepsDev);
        var followUps = depsDev.Where(r => r.Path.Contains("/versions/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, followUps.Count); // version and :dependents
        AssertAllOverlap(followUps);
        Assert.Single(depsDev, r => r.Path.Contains("/projects/", StringComparison.Ordinal));
        // The project call started from npm's repository, without waiting for deps.dev's version.
        Assert.Equal(["npm.latest"], result.Calls.Single(c => c.Call == "depsdev.project").DependsOn);
        var github = _emulator.Log.For(UpstreamKind.GitHub);
        Assert.Equal(5, github.Count);
        AssertAllOverlap(github);
        // The first wave (deps.dev package, npm document, downloads) runs at once.
        var first = new[] { depsDev.MinBy(r => r.Start)!, _emulator.Log.For(UpstreamKind.Npm).Single(), _emulator.Log.For(UpstreamKind.NpmDownloads).Single() };
        AssertAllOverlap(first);
        // Pooled: far fewer connections than requests.
        Assert.True(_emulator.Log.Connections.Count < _emulator.Log.Requests.Count);
    }

    [Fact]
    public async Task Sequential_mode_runs_one_call_at_a_time_and_new_connection_mode_connects_per_call()
    {
        var result = await CollectAsync(new CollectionSettings { Mode = CollectionMode.Sequential, NewConnectionPerCall = true });

        Assert.Equal("complete", result.Record.DataStatus);
        var requests = _emulator.Log.Requests;
        Assert.Equal(12, requests.Count);
        foreach (var a in requests)
        {
            foreach (var b in requests.Where(b => b.Id != a.Id))
                Assert.False(a.Overlaps(b), $"{a.Path} overlapped {b.Path}");
        }
        Assert.Equal(requests.Count, _emulator.Log.Connections.Count);
        // The recorded timings agree: the sum of the calls is the whole collection, not the critical path.
        Assert.True(result.CriticalPathMs < result.Calls.Sum(c => c.DurationMs));
    }
}
