namespace DepHealth.Bench.ColdStart;

/// <summary>Prints the cold-start figures as a Markdown table: p50/p95/p99 per variant and the JIT/AOT ratio.</summary>
public static class Report
{
    public static void Write(TextWriter output, IReadOnlyList<ColdStartSample> samples, int runs, int cores)
    {
        output.WriteLine($"Cold starts: {runs} per variant, alternating, {cores} cores; times from process spawn, ms.");
        output.WriteLine();
        output.WriteLine("| variant | spawn → first GET answered p50 | p95 | p99 | spawn → init done (first next) p50 | p95 | peak RSS p50 (MB) | max |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var group in samples.GroupBy(s => s.Variant))
        {
            var first = group.Select(s => s.FirstAnswerMs).ToList();
            var init = group.Select(s => s.InitMs).ToList();
            var rss = group.Select(s => s.PeakRssMb).ToList();
            output.WriteLine($"| {group.Key} | {P(first, 50):F1} | {P(first, 95):F1} | {P(first, 99):F1} | {P(init, 50):F1} | {P(init, 95):F1} | {P(rss, 50):F1} | {rss.Max():F1} |");
        }
        var aot = samples.Where(s => s.Variant == "AOT").Select(s => s.FirstAnswerMs).ToList();
        var jit = samples.Where(s => s.Variant == "JIT").Select(s => s.FirstAnswerMs).ToList();
        output.WriteLine();
        output.WriteLine($"JIT / AOT, spawn → first GET answered: p50 {P(jit, 50) / P(aot, 50):F1}x, p95 {P(jit, 95) / P(aot, 95):F1}x");
    }

    private static double P(IReadOnlyList<double> values, double percentile) => Percentiles.Of(values, percentile);
}
