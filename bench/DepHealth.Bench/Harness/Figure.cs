namespace DepHealth.Bench.Harness;

/// <summary>One measured case: its samples (sorted) and their p50/p95/p99, in <see cref="Unit"/>.</summary>
public sealed class Figure
{
    private Figure(string name, double[] sorted, string unit, int? count)
    {
        Name = name;
        Sorted = sorted;
        Unit = unit;
        N = count ?? sorted.Length;
    }

    public string Name { get; }
    public string Unit { get; }
    public int N { get; }
    /// <summary>The samples, ascending (empty when only the percentiles are known).</summary>
    public double[] Sorted { get; }
    public double P50 { get; private init; }
    public double P95 { get; private init; }
    public double P99 { get; private init; }

    public bool IsLatency => Unit == "ms";

    public double Percentile(double p) => LatencyStats.PercentileOfSorted(Sorted, p);

    public static Figure FromSamples(string name, IEnumerable<double> samples, string unit = "ms")
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
            throw new InvalidOperationException($"{name}: no samples");
        return new Figure(name, sorted, unit, null)
        {
            P50 = LatencyStats.PercentileOfSorted(sorted, 50),
            P95 = LatencyStats.PercentileOfSorted(sorted, 95),
            P99 = LatencyStats.PercentileOfSorted(sorted, 99),
        };
    }

    /// <summary>A figure whose percentiles come from elsewhere (BenchmarkDotNet's statistics).</summary>
    public static Figure FromPercentiles(string name, int n, double p50, double p95, double p99, string unit = "ms") =>
        new(name, [], unit, n) { P50 = p50, P95 = p95, P99 = p99 };
}
