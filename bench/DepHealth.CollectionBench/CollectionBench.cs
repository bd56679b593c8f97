using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;

namespace DepHealth.CollectionBench;

/// <summary>One configuration's per-package figures (ms) and what the emulator saw.</summary>
public sealed record CollectionRun(string Name, IReadOnlyList<double> ElapsedMs, IReadOnlyList<double> CriticalPathMs,
    IReadOnlyList<double> SumOfCallsMs, int NewConnections, int Incomplete);

/// <summary>
/// Collects the same npm packages one after another in three configurations: the parallel graph on the pooled
/// client, sequential on the pooled client, and sequential with a new connection per call (the original's shape).
/// 12 upstream calls per package, scored, not stored.
/// </summary>
public static class CollectionBench
{
    public static async Task<IReadOnlyList<CollectionRun>> RunAsync(CollectionEmulator upstream, int packages)
    {
        var names = upstream.SyntheticNpm(packages + 3);
        var warmup = names.Take(3).ToList();
        var measured = names.Skip(3).ToList();
        var configurations = new (string Name, CollectionSettings Settings)[]
        {
            ("parallel graph, pooled client", new CollectionSettings()),
            ("sequential, pooled (baseline)", new CollectionSettings { Mode = CollectionMode.Sequential }),
            ("sequential, new connection per call (the original)", new CollectionSettings { Mode = CollectionMode.Sequential, NewConnectionPerCall = true }),
        };

        var runs = new List<CollectionRun>();
        foreach (var (name, settings) in configurations)
        {
            using var client = new UpstreamClient(upstream.Urls, settings, TimeProvider.System);
            var collector = PackageCollector.WithScoring(client);
            foreach (var w in warmup)
                await collector.CollectAsync(new CollectionRequest(Ecosystem.Npm, w), null);
            upstream.Emulator.Log.Clear();

            var elapsed = new List<double>();
            var critical = new List<double>();
            var sums = new List<double>();
            var incomplete = 0;
            foreach (var package in measured)
            {
                var result = await collector.CollectAsync(new CollectionRequest(Ecosystem.Npm, package), null);
                elapsed.Add(result.ElapsedMs);
                critical.Add(result.CriticalPathMs);
                sums.Add(result.Calls.Sum(c => c.DurationMs));
                if (result.Record.DataStatus != "complete")
                    incomplete++;
            }
            runs.Add(new CollectionRun(name, elapsed, critical, sums, upstream.Emulator.Log.Connections.Count, incomplete));
        }
        return runs;
    }
}
