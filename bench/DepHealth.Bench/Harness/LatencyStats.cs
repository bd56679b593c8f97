namespace DepHealth.Bench.Harness;

/// <summary>Nearest-rank percentiles of a sample of values (milliseconds unless the figure says otherwise).</summary>
public static class LatencyStats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToArray();
        return PercentileOfSorted(sorted, p);
    }

    public static double PercentileOfSorted(double[] sorted, double p)
    {
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
