using DepHealth.Bench.Harness;
using DepHealth.CollectionBench;

namespace DepHealth.Bench.Suites;

/// <summary>Many packages collected at bounded concurrency against the upstream emulator: packages per minute, rate-limit refusals.</summary>
public static class ThroughputSuite
{
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        const int Concurrency = 16;
        var packages = context.Count(500, 48);
        var baselinePackages = context.Count(20, 4);
        await using var upstream = await CollectionEmulator.StartAsync(packages + baselinePackages + 10);
        var names = upstream.SyntheticNpm(packages + baselinePackages);
        await ThroughputBench.RunAsync(upstream, "warm-up", names.Take(4).ToList(), 4);
        var bounded = await ThroughputBench.RunAsync(upstream, $"{packages} packages, {Concurrency} at a time", names.Take(packages).ToList(), Concurrency);
        var serial = await ThroughputBench.RunAsync(upstream, $"{baselinePackages} packages, one at a time (baseline)", names.Skip(packages).ToList(), 1);

        var boundedFigure = Figure.FromSamples($"{bounded.Name}: per-package time", bounded.ElapsedMs);
        var serialFigure = Figure.FromSamples($"{serial.Name}: per-package time", serial.ElapsedMs);
        var result = new ScenarioResult("throughput", "Collection throughput at bounded concurrency",
            $"{packages} synthetic npm packages collected through one pooled client, at most {Concurrency} at a time, against " +
            "the upstream emulator with the collection latencies (GitHub's primary rate limit on: 5,000 requests per hour " +
            "per token). Violations are read from the emulator's request log: GitHub 403/429 rate-limit answers and any " +
            $"429. Baseline in the same run: {baselinePackages} packages one at a time on the same client.");
        var ratio = bounded.PackagesPerMinute / serial.PackagesPerMinute;
        result.Add(boundedFigure, serialFigure)
            .Target("0 upstream rate-limit violations", $"{bounded.RateLimitViolations}", bounded.RateLimitViolations == 0)
            .Target("every record complete", $"{bounded.Incomplete} incomplete", bounded.Incomplete == 0)
            .Target("brief: collection < 1500 ms per package", MarkdownReport.Ms(boundedFigure.P50), boundedFigure.P50 < 1500);
        result.Add(serialFigure);
        result.Notes.Add($"{bounded.Name}: {bounded.PackagesPerMinute:0} packages/min ({bounded.WallSeconds:0.0} s wall, " +
                         $"{bounded.UpstreamRequests} upstream requests, {bounded.RateLimitViolations} rate-limit refusals, " +
                         $"{bounded.Incomplete} incomplete records); one at a time: {serial.PackagesPerMinute:0} packages/min " +
                         $"({serial.RateLimitViolations} refusals). Throughput ratio {ratio:0.0}×.");
        return [result];
    }
}
