using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream;
using DepHealth.Emulator.Upstream.Hosting;

namespace DepHealth.CollectionBench;

/// <summary>
/// The upstream emulator with the fixed latencies (deps.dev 100 ms, npm 60 ms, GitHub 120 ms, bundlephobia
/// 400 ms, 100 ms per new connection) and the upstream URLs that point collectors at it.
/// </summary>
public sealed class CollectionEmulator : IAsyncDisposable
{
    private CollectionEmulator(UpstreamEmulator emulator, UpstreamOptions urls)
    {
        Emulator = emulator;
        Urls = urls;
    }

    public UpstreamEmulator Emulator { get; }
    public UpstreamOptions Urls { get; }

    public static async Task<CollectionEmulator> StartAsync(int syntheticPackages)
    {
        var options = new UpstreamEmulatorOptions
        {
            NewConnectionDelay = TimeSpan.FromMilliseconds(100),
            SyntheticPackagesPerEcosystem = Math.Max(100, syntheticPackages),
        };
        options.Latency[UpstreamKind.DepsDev] = LatencyProfile.Milliseconds(100);
        options.Latency[UpstreamKind.Npm] = LatencyProfile.Milliseconds(60);
        options.Latency[UpstreamKind.NpmDownloads] = LatencyProfile.Milliseconds(60);
        options.Latency[UpstreamKind.GitHub] = LatencyProfile.Milliseconds(120);
        options.Latency[UpstreamKind.Bundlephobia] = LatencyProfile.Milliseconds(400);
        var emulator = await UpstreamEmulator.StartAsync(options);

        var urls = new UpstreamOptions();
        foreach (var (variable, value) in emulator.BaseUrls.EnvironmentVariables)
            urls.SetBaseUrl(Upstreams.All.Single(u => u.EnvironmentVariable() == variable), UpstreamOptions.ParseBaseUrl(value));
        return new CollectionEmulator(emulator, urls);
    }

    /// <summary>The emulator's synthetic npm packages (complete data: every source answers).</summary>
    public IReadOnlyList<string> SyntheticNpm(int count) =>
        Emulator.Universe.Names(Ecosystem.Npm).Where(n => n.StartsWith("synthetic-npm-", StringComparison.Ordinal)).Take(count).ToList();

    /// <summary>Requests the emulator refused for a rate limit (GitHub's 403/429 with a rate-limit header, any 429).</summary>
    public int RateLimitViolations() =>
        Emulator.Log.Requests.Count(r => r.Status == 429 || (r.Upstream == UpstreamKind.GitHub && r.Status == 403));

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
