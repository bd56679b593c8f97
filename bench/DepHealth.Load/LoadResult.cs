using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DepHealth.Load;

/// <summary>What a load run measured, and its report: throughput, p50/p99 per window, RSS over time, unexpected answers.</summary>
public sealed class LoadResult(LoadOptions options, TimeSpan elapsed, RequestSample[] samples, RssSample[] rss)
{
    public LoadOptions Options { get; } = options;
    public TimeSpan Elapsed { get; } = elapsed;
    public IReadOnlyList<RequestSample> Samples { get; } = samples;
    public IReadOnlyList<RssSample> Rss { get; } = rss;

    public int Total => Samples.Count;
    public int Unexpected => Samples.Count(s => s.Unexpected);
    public int Expected4xx => Samples.Count(s => !s.Unexpected && s.Status is >= 400 and < 500);
    public double RequestsPerSecond => Total / Elapsed.TotalSeconds;

    /// <summary>The first RSS reading at or after <paramref name="at"/>.</summary>
    public double? RssAt(TimeSpan at) => Rss.Where(r => r.At >= at).Select(r => (double?)r.MiB).FirstOrDefault();

    public double? RssLast => Rss.Count == 0 ? null : Rss[^1].MiB;

    public static double Percentile(IEnumerable<long> ticks, double p)
    {
        var sorted = ticks.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var index = Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1000.0 / Stopwatch.Frequency;
    }

    public string Report()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"DepHealth load: {Elapsed.TotalSeconds:F1} s, {Options.Concurrency} workers, seed {Options.Seed}, loopback");
        sb.AppendLine(inv, $"{"window",-10} {"requests",9} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"RSS MiB",8} {"unexpected",10}");
        var windowTicks = (long)(Options.Window.TotalSeconds * Stopwatch.Frequency);
        foreach (var window in Samples.GroupBy(s => s.StartTicks / windowTicks).OrderBy(g => g.Key))
        {
            var from = TimeSpan.FromSeconds(window.Key * Options.Window.TotalSeconds);
            var to = from + Options.Window;
            var seconds = Math.Min(to.TotalSeconds, Elapsed.TotalSeconds) - from.TotalSeconds;
            var rssEnd = Rss.Where(r => r.At < to).Select(r => (double?)r.MiB).LastOrDefault();
            sb.AppendLine(inv, $"{$"{from.TotalSeconds:F0}-{to.TotalSeconds:F0}s",-10} {window.Count(),9} {window.Count() / seconds,8:F0} " +
                               $"{Percentile(window.Select(s => s.LatencyTicks), 50),8:F2} {Percentile(window.Select(s => s.LatencyTicks), 99),8:F2} " +
                               $"{rssEnd,8:F0} {window.Count(s => s.Unexpected),10}");
        }
        sb.AppendLine(inv, $"{"total",-10} {Total,9} {RequestsPerSecond,8:F0} {Percentile(Samples.Select(s => s.LatencyTicks), 50),8:F2} " +
                           $"{Percentile(Samples.Select(s => s.LatencyTicks), 99),8:F2} {RssLast,8:F0} {Unexpected,10}");
        sb.AppendLine();
        sb.AppendLine(inv, $"{"kind",-14} {"n",8} {"status",7} {"p50 ms",8} {"p99 ms",8} {"unexpected",10}");
        foreach (var kind in Samples.GroupBy(s => s.Kind).OrderBy(g => g.Key))
            sb.AppendLine(inv, $"{kind.Key,-14} {kind.Count(),8} {RequestMix.ExpectedStatus(kind.Key),7} " +
                               $"{Percentile(kind.Select(s => s.LatencyTicks), 50),8:F2} {Percentile(kind.Select(s => s.LatencyTicks), 99),8:F2} " +
                               $"{kind.Count(s => s.Unexpected),10}");
        var unexpected = Samples.Where(s => s.Unexpected).GroupBy(s => (s.Kind, s.Status)).Select(g => $"{g.Key.Kind}→{g.Key.Status}×{g.Count()}");
        sb.AppendLine();
        sb.AppendLine(inv, $"expected 4xx: {Expected4xx}; unexpected: {Unexpected} {string.Join(", ", unexpected)}");
        if (Rss.Count > 0)
            sb.AppendLine(inv, $"RSS MiB: first {Rss[0].MiB:F0}, at 10 s {RssAt(TimeSpan.FromSeconds(10)) ?? double.NaN:F0}, " +
                               $"last {RssLast:F0}, max {Rss.Max(r => r.MiB):F0}; per second: {string.Join(" ", Rss.Select(r => r.MiB.ToString("F0", inv)))}");
        return sb.ToString();
    }
}
