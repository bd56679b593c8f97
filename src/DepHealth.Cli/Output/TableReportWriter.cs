using System.Text;
using DepHealth.Cli.Scanning;

namespace DepHealth.Cli.Output;

/// <summary>
/// The default, human-readable scan output: manifests scanned, then one aligned row per CRITICAL, HIGH and MEDIUM
/// package (LOW ones are only counted), then summary lines. Column widths follow the content, rows are sorted by risk
/// then name, so the same scan always prints the same text.
/// </summary>
public static class TableReportWriter
{
    private const int MaxWhy = 70;

    public static void Write(ScanReport report, TextWriter output, Style style)
    {
        output.WriteLine(style.Bold($"DepHealth scan of {report.Manifests.Count} manifest{S(report.Manifests.Count)}, {report.Total} dependenc{(report.Total == 1 ? "y" : "ies")}"));
        var pathWidth = report.Manifests.Select(m => m.Manifest.RelativePath.Length).DefaultIfEmpty(0).Max();
        foreach (var m in report.Manifests)
        {
            var detail = m.Error is null ? $"{m.DependencyCount} dependenc{(m.DependencyCount == 1 ? "y" : "ies")}" : style.Red("error: " + m.Error);
            output.WriteLine($"  {m.Manifest.RelativePath.PadRight(pathWidth)}  {m.Ecosystem,-4}  {detail}");
        }
        foreach (var s in report.Superseded)
            output.WriteLine(style.Dim($"  {s.PadRight(pathWidth)}  skipped: the lockfile beside it is scanned instead"));
        output.WriteLine();

        var rows = report.Packages.Where(p => p.Risk is "CRITICAL" or "HIGH" or "MEDIUM").ToList();
        if (rows.Count == 0)
            output.WriteLine(report.Packages.Count > 0 ? "No CRITICAL, HIGH or MEDIUM risk packages." : "No scored packages.");
        else
        {
            var nameWidth = Math.Max("PACKAGE".Length, rows.Max(r => r.Name.Length));
            var ecoWidth = 9; // "ECOSYSTEM"
            output.WriteLine(style.Bold($"{"RISK",-8}  {"SCORE",5}  {"ABANDON",7}  {"ECOSYSTEM".PadRight(ecoWidth)}  {"PACKAGE".PadRight(nameWidth)}  WHY"));
            foreach (var r in rows)
            {
                var why = Formatting.Why(r.Result) + Formatting.Limited(r.Result.DataQuality?.Assessment);
                if (why.Length > MaxWhy) why = why[..(MaxWhy - 3)] + "...";
                var line = new StringBuilder()
                    .Append(style.Risk(r.Risk, (r.Risk ?? "-").PadRight(8))).Append("  ")
                    .Append(Formatting.Score(r.Result.HealthScore).PadLeft(5)).Append("  ")
                    .Append(Formatting.Abandonment(r.Result).PadLeft(7)).Append("  ")
                    .Append(r.Ecosystem.PadRight(ecoWidth)).Append("  ")
                    .Append(r.Name.PadRight(nameWidth)).Append("  ")
                    .Append(why);
                output.WriteLine(line.ToString().TrimEnd());
            }
        }
        output.WriteLine();

        output.WriteLine(
            $"Summary: {style.Risk("CRITICAL", $"{report.Critical} critical")}, {style.Risk("HIGH", $"{report.High} high")}, " +
            $"{style.Risk("MEDIUM", $"{report.Medium} medium")}, {style.Risk("LOW", $"{report.Low} low")}, " +
            $"{report.Unscored} not scored yet, {report.NotFound.Count} not found");
        output.WriteLine(
            $"Data quality: {report.QualityCount("VERIFIED")} verified, {report.QualityCount("PARTIAL")} partial, " +
            $"{report.QualityCount("UNVERIFIED")} unverified, {report.QualityCount("UNAVAILABLE")} unavailable");
        if (report.NotFound.Count > 0)
        {
            const int shown = 10;
            var names = string.Join(", ", report.NotFound.Take(shown).Select(n => n.Name));
            output.WriteLine($"Not found: {names}{(report.NotFound.Count > shown ? $" and {report.NotFound.Count - shown} more" : "")}");
        }
        if (report.Queued > 0)
            output.WriteLine($"{report.Queued} unknown package{S(report.Queued)} queued for collection: scan again later for their scores.");
    }

    private static string S(int n) => n == 1 ? "" : "s";
}
