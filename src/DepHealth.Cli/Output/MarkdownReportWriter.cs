using DepHealth.Cli.Scanning;

namespace DepHealth.Cli.Output;

/// <summary><c>-o markdown</c>: a summary table and the risky packages, fit for a pull-request comment or a job summary.</summary>
public static class MarkdownReportWriter
{
    private const int MaxRows = 50;

    public static void Write(ScanReport report, TextWriter output, FailThreshold threshold)
    {
        var icon = report.Critical > 0 ? "🔴" : report.High > 0 ? "🟠" : report.Medium > 0 ? "🟡" : "🟢";
        output.WriteLine($"## {icon} DepHealth: {report.Total} dependencies in {report.Manifests.Count} manifest{(report.Manifests.Count == 1 ? "" : "s")}");
        output.WriteLine();
        output.WriteLine("| Critical | High | Medium | Low | Not scored | Not found |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|");
        output.WriteLine($"| {report.Critical} | {report.High} | {report.Medium} | {report.Low} | {report.Unscored} | {report.NotFound.Count} |");
        output.WriteLine();
        if (threshold != FailThreshold.None)
            output.WriteLine(threshold.IsExceeded(report)
                ? $"**Failed:** packages at or above {threshold.ToString().ToUpperInvariant()} risk were found."
                : $"Passed: no package at or above {threshold.ToString().ToUpperInvariant()} risk.");

        var risky = report.Packages.Where(p => p.Risk is "CRITICAL" or "HIGH").ToList();
        if (risky.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("### Risky packages");
            output.WriteLine();
            output.WriteLine("| Risk | Package | Score | Abandonment (12 mo) | Why | Declared in |");
            output.WriteLine("|---|---|---:|---:|---|---|");
            foreach (var p in risky.Take(MaxRows))
                output.WriteLine($"| {p.Risk} | `{Escape(p.Name)}` ({p.Ecosystem}) | {Formatting.Score(p.Result.HealthScore)} | {Formatting.Abandonment(p.Result)} | " +
                                 $"{Escape(Formatting.Why(p.Result) + Formatting.Limited(p.Result.DataQuality?.Assessment))} | {string.Join(", ", p.DeclaredIn.Select(m => $"`{Escape(m.Manifest.RelativePath)}`"))} |");
            if (risky.Count > MaxRows)
                output.WriteLine($"\n…and {risky.Count - MaxRows} more.");
        }

        var medium = report.Packages.Where(p => p.Risk == "MEDIUM").ToList();
        if (medium.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"<details><summary>{medium.Count} medium-risk package{(medium.Count == 1 ? "" : "s")}</summary>");
            output.WriteLine();
            output.WriteLine(string.Join(", ", medium.Select(p => $"`{Escape(p.Name)}` ({Formatting.Score(p.Result.HealthScore)})")));
            output.WriteLine();
            output.WriteLine("</details>");
        }
        var failed = report.Manifests.Where(m => m.Error is not null).ToList();
        if (failed.Count > 0)
        {
            output.WriteLine();
            foreach (var m in failed)
                output.WriteLine($"> ⚠️ `{Escape(m.Manifest.RelativePath)}` could not be read: {Escape(m.Error!)}");
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("\n", " ").Replace("\r", "");
}
