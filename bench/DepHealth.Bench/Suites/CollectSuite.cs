using DepHealth.Bench.Harness;
using DepHealth.CollectionBench;

namespace DepHealth.Bench.Suites;

/// <summary>Collection of one package against the upstream emulator: the parallel graph vs two sequential baselines.</summary>
public static class CollectSuite
{
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var packages = context.Count(20, 2);
        await using var upstream = await CollectionEmulator.StartAsync(packages + 10);
        var runs = await CollectionBench.CollectionBench.RunAsync(upstream, packages);
        var parallel = Figure.FromSamples(runs[0].Name, runs[0].ElapsedMs);
        var sequential = Figure.FromSamples(runs[1].Name, runs[1].ElapsedMs);
        var original = Figure.FromSamples(runs[2].Name, runs[2].ElapsedMs);
        var critical = Figure.FromSamples("critical path of the parallel graph's calls", runs[0].CriticalPathMs);

        var result = new ScenarioResult("collect", "Collection per package",
            $"{packages} synthetic npm packages collected one after another (after 3 warm-up packages), 12 upstream calls " +
            "each (deps.dev ×4, npm ×2, bundlephobia, GitHub ×5), scored, not stored, against the upstream emulator with " +
            "fixed latencies: deps.dev 100 ms, npm registry and downloads 60 ms, GitHub 120 ms, bundlephobia 400 ms, and " +
            "100 ms paid by each new TCP connection. Baselines in the same run: the same collectors called one at a time " +
            "(pooled), and one at a time with a new connection per call (the original's shape). The critical path is the " +
            "longest chain of dependent calls in each package's recorded call timings (`CollectionResult.CriticalPathMs`).");
        result.Add(parallel, sequential)
            .Target("p50 ≤ 1.15 × critical path", $"{parallel.P50 / critical.P50:0.00}×", parallel.P50 <= 1.15 * critical.P50)
            .Target("≥ 3× faster than sequential", $"{sequential.P50 / parallel.P50:0.0}×", sequential.P50 / parallel.P50 >= 3);
        result.Add(sequential);
        result.Add(original, sequential);
        result.Add(critical);
        foreach (var run in runs)
            result.Notes.Add($"{run.Name}: {run.NewConnections} new connections, {run.Incomplete} incomplete records, " +
                             $"sum of call times p50 {MarkdownReport.Ms(LatencyStats.Percentile(run.SumOfCallsMs, 50))}.");
        return [result];
    }
}
