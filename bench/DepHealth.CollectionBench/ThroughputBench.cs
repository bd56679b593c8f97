using System.Diagnostics;
using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;

namespace DepHealth.CollectionBench;

/// <summary>A batch collection: per-package times (ms), wall time, and what the emulator refused or lacked.</summary>
public sealed record ThroughputRun(string Name, int Packages, int Concurrency, IReadOnlyList<double> ElapsedMs, double WallSeconds,
    int RateLimitViolations, int Incomplete, int UpstreamRequests)
{
    public double PackagesPerMinute => Packages / WallSeconds * 60;
}

/// <summary>Collects many packages at bounded concurrency through one shared pooled client, as the collector function does per batch.</summary>
public static class ThroughputBench
{
    public static async Task<ThroughputRun> RunAsync(CollectionEmulator upstream, string name, IReadOnlyList<string> packages, int concurrency)
    {
        using var client = new UpstreamClient(upstream.Urls, new CollectionSettings(), TimeProvider.System);
        var collector = PackageCollector.WithScoring(client);
        upstream.Emulator.Log.Clear();
        var elapsed = new double[packages.Count];
        var incomplete = 0;
        var start = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, packages.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, ct) =>
            {
                var result = await collector.CollectAsync(new CollectionRequest(Ecosystem.Npm, packages[i]), null, ct);
                elapsed[i] = result.ElapsedMs;
                if (result.Record.DataStatus != "complete")
                    Interlocked.Increment(ref incomplete);
            });
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new ThroughputRun(name, packages.Count, concurrency, elapsed, wall, upstream.RateLimitViolations(), incomplete,
            upstream.Emulator.Log.Requests.Count);
    }
}
