using System.Globalization;
using System.Security;
using System.Text;

namespace DepHealth.Bench.Harness;

/// <summary>
/// An SVG box plot of every latency figure on one log-scale axis: box p25–p75, whiskers p5–p99, a tick at p50.
/// Optimised cases in blue, their baselines in grey. Written by hand so the harness needs no plotting tool.
/// </summary>
public static class LatencyChart
{
    private const int Left = 360, Width = 900, RowHeight = 18, Top = 40, AxisPad = 40;

    public static string Render(IReadOnlyList<ScenarioResult> scenarios, string title)
    {
        var rows = new List<(string Label, Figure Figure, bool Baseline, bool Header)>();
        foreach (var s in scenarios)
        {
            var latency = s.Rows.Where(r => r.Figure.IsLatency && r.Figure.Sorted.Length > 0).ToList();
            if (latency.Count == 0)
                continue;
            rows.Add((s.Title, latency[0].Figure, false, true));
            var baselines = latency.Where(r => r.Baseline is not null).Select(r => r.Baseline!).ToHashSet();
            foreach (var r in latency)
                rows.Add((r.Figure.Name, r.Figure, baselines.Contains(r.Figure), false));
        }

        var all = rows.Where(r => !r.Header).SelectMany(r => new[] { r.Figure.Percentile(5), r.Figure.Percentile(99) }).Where(v => v > 0).ToList();
        var min = all.Count == 0 ? 0.01 : Math.Pow(10, Math.Floor(Math.Log10(all.Min())));
        var max = all.Count == 0 ? 1000 : Math.Pow(10, Math.Ceiling(Math.Log10(all.Max())));
        double X(double ms) => Left + (Math.Log10(Math.Max(ms, min)) - Math.Log10(min)) / (Math.Log10(max) - Math.Log10(min)) * Width;

        var height = Top + rows.Count * RowHeight + AxisPad;
        var sb = new StringBuilder();
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Left + Width + 30}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">"));
        sb.Append(Inv($"<rect width=\"100%\" height=\"100%\" fill=\"white\"/><text x=\"10\" y=\"20\" font-size=\"14\">{Esc(title)}</text>"));
        sb.Append(Inv($"<text x=\"{Left}\" y=\"34\" fill=\"#555\">box p25–p75, whiskers p5–p99, tick p50; blue: optimised, grey: naive baseline; log scale</text>"));
        for (var decade = min; decade <= max * 1.0001; decade *= 10)
        {
            var x = X(decade);
            sb.Append(Inv($"<line x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{height - AxisPad + 4}\" stroke=\"#ddd\"/>"));
            sb.Append(Inv($"<text x=\"{x:0.#}\" y=\"{height - AxisPad + 18}\" text-anchor=\"middle\">{Esc(MarkdownReport.Ms(decade))}</text>"));
        }
        var y = Top;
        foreach (var (label, f, baseline, header) in rows)
        {
            var mid = y + RowHeight / 2;
            if (header)
            {
                sb.Append(Inv($"<text x=\"10\" y=\"{mid + 4}\" font-weight=\"bold\">{Esc(label)}</text>"));
                y += RowHeight;
                continue;
            }
            var color = baseline ? "#999" : "#2b6cb0";
            sb.Append(Inv($"<text x=\"{Left - 8}\" y=\"{mid + 4}\" text-anchor=\"end\">{Esc(Shorten(label))}</text>"));
            sb.Append(Inv($"<line x1=\"{X(f.Percentile(5)):0.#}\" y1=\"{mid}\" x2=\"{X(f.Percentile(99)):0.#}\" y2=\"{mid}\" stroke=\"{color}\"/>"));
            var x25 = X(f.Percentile(25));
            var x75 = X(f.Percentile(75));
            sb.Append(Inv($"<rect x=\"{x25:0.#}\" y=\"{mid - 5}\" width=\"{Math.Max(1, x75 - x25):0.#}\" height=\"10\" fill=\"{color}\" fill-opacity=\"0.35\" stroke=\"{color}\"/>"));
            var x50 = X(f.P50);
            sb.Append(Inv($"<line x1=\"{x50:0.#}\" y1=\"{mid - 7}\" x2=\"{x50:0.#}\" y2=\"{mid + 7}\" stroke=\"{color}\" stroke-width=\"2\"/>"));
            y += RowHeight;
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";

    private static string Esc(string s) => SecurityElement.Escape(s) ?? "";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
