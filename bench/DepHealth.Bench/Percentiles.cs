using System.Diagnostics;
using System.Globalization;

namespace DepHealth.Bench;

/// <summary>Latency samples (Stopwatch ticks) and their p50/p95/p99 in milliseconds.</summary>
public sealed class Samples(string name, int capacity)
{
    private readonly List<long> _ticks = new(capacity);

    public string Name { get; } = name;
    public int Count => _ticks.Count;

    public void Add(long ticks) => _ticks.Add(ticks);

    public double Percentile(double p)
    {
        var sorted = _ticks.Order().ToArray();
        var index = Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1000.0 / Stopwatch.Frequency;
    }

    public string Row(Samples? baseline = null)
    {
        var ratio = baseline is null ? "" : $"  {baseline.Percentile(50) / Percentile(50),7:F1}x";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Name,-48} n={Count,6}  p50 {Format(Percentile(50))}  p95 {Format(Percentile(95))}  p99 {Format(Percentile(99))}{ratio}");
    }

    private static string Format(double ms) => ms < 1 ? $"{ms * 1000,8:F1} µs" : $"{ms,8:F2} ms";
}
