using System.Globalization;
using System.Text;

namespace DepHealth.Bench.Harness;

/// <summary>Writes scenarios as Markdown: a table per scenario with p50/p95/p99, the baseline ratio, the target and PASS/MISS.</summary>
public static class MarkdownReport
{
    public static string Write(IReadOnlyList<ScenarioResult> scenarios, string header)
    {
        var sb = new StringBuilder();
        sb.AppendLine(header).AppendLine();
        foreach (var s in scenarios)
            AppendScenario(sb, s);
        var targets = scenarios.SelectMany(s => s.Targets).ToList();
        sb.AppendLine(Inv($"Targets: {targets.Count(t => t.Pass)} PASS, {targets.Count(t => !t.Pass)} MISS."));
        return sb.ToString();
    }

    public static void AppendScenario(StringBuilder sb, ScenarioResult s)
    {
        sb.AppendLine(Inv($"### {s.Title} (`--suite {s.Suite}`)")).AppendLine();
        sb.AppendLine(s.Setup).AppendLine();
        sb.AppendLine("| case | n | p50 | p95 | p99 | baseline p50 | ratio | target | result |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var row in s.Rows)
        {
            var f = row.Figure;
            var ratio = row.Ratio is { } r ? Inv($"{r:0.0}×") : "";
            var baseline = row.Baseline is { } b ? Format(b.P50, b.Unit) : "";
            var target = string.Join("; ", row.Targets.Select(t => $"{t.Target} ({t.Measured})"));
            var result = row.Targets.Count == 0 ? "" : row.Targets.All(t => t.Pass) ? "PASS" : "MISS";
            sb.AppendLine(Inv($"| {f.Name} | {f.N} | {Format(f.P50, f.Unit)} | {Format(f.P95, f.Unit)} | {Format(f.P99, f.Unit)} | {baseline} | {ratio} | {target} | {result} |"));
        }
        sb.AppendLine();
        foreach (var note in s.Notes)
            sb.AppendLine("- " + note);
        if (s.Notes.Count > 0)
            sb.AppendLine();
    }

    /// <summary>Milliseconds shown in µs below 1 ms; other units as they are.</summary>
    public static string Format(double value, string unit) => unit switch
    {
        _ when double.IsNaN(value) => "n/a",
        "ms" when value < 1 => Inv($"{value * 1000:0.0} µs"),
        "ms" when value < 100 => Inv($"{value:0.00} ms"),
        "ms" => Inv($"{value:0} ms"),
        _ => Inv($"{value:0.0} {unit}"),
    };

    public static string Ms(double value) => Format(value, "ms");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
