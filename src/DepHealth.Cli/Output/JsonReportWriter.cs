using System.Text.Json;
using DepHealth.Cli.Scanning;
using DepHealth.Core.Api.Client;
using DepHealth.Core.Json;

namespace DepHealth.Cli.Output;

/// <summary>
/// <c>-o json</c>: a machine-readable report. <c>summary</c> holds the counts the GitHub Action turns into outputs
/// (total, critical, high, medium, low, has_issues, highest_risk); packages keep the API's field names.
/// </summary>
public static class JsonReportWriter
{
    public static void Write(ScanReport report, Stream output, FailThreshold threshold)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartObject("summary");
        w.WriteNumber("manifests", report.Manifests.Count);
        w.WriteNumber("manifests_failed", report.FailedManifests);
        w.WriteNumber("total", report.Total);
        w.WriteNumber("critical", report.Critical);
        w.WriteNumber("high", report.High);
        w.WriteNumber("medium", report.Medium);
        w.WriteNumber("low", report.Low);
        w.WriteNumber("unscored", report.Unscored);
        w.WriteNumber("not_found", report.NotFound.Count);
        w.WriteNumber("queued", report.Queued);
        w.WriteBoolean("has_issues", report.Critical + report.High > 0);
        w.WriteString("highest_risk", report.HighestRisk);
        w.WriteBoolean("threshold_exceeded", threshold.IsExceeded(report));
        w.WriteEndObject();

        w.WriteStartArray("manifests");
        foreach (var m in report.Manifests)
        {
            w.WriteStartObject();
            w.WriteString("path", m.Manifest.RelativePath);
            w.WriteString("format", DepHealth.Core.Manifests.ManifestFormats.DisplayName(m.Manifest.Format));
            w.WriteString("ecosystem", m.Ecosystem);
            w.WriteNumber("dependencies", m.DependencyCount);
            w.WriteNumber("skipped", m.SkippedCount);
            if (m.Error is not null) w.WriteString("error", m.Error);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("superseded");
        foreach (var s in report.Superseded) w.WriteStringValue(s);
        w.WriteEndArray();

        w.WriteStartArray("packages");
        foreach (var p in report.Packages)
        {
            w.WriteStartObject();
            w.WriteString("package", p.Name);
            w.WriteString("ecosystem", p.Ecosystem);
            if (p.Result.DependencyType is not null) w.WriteString("dependency_type", p.Result.DependencyType);
            if (p.Result.HealthScore is { } score) w.WriteNumber("health_score", score); else w.WriteNull("health_score");
            if (p.Risk is not null) w.WriteString("risk_level", p.Risk); else w.WriteNull("risk_level");
            if (p.Result.AbandonmentRisk is { } a && p.Result.HealthScore is not null)
            {
                w.WritePropertyName("abandonment_risk");
                JsonSerializer.Serialize(w, a, DepHealthJsonContext.Default.AbandonmentRisk);
            }
            w.WriteBoolean("is_deprecated", p.Result.IsDeprecated ?? false);
            w.WriteBoolean("archived", p.Result.Archived ?? false);
            if (p.Result.DataQuality?.Assessment is { } q) w.WriteString("data_quality", q);
            WriteManifests(w, p.DeclaredIn);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("not_found");
        foreach (var n in report.NotFound)
        {
            w.WriteStartObject();
            w.WriteString("package", n.Name);
            w.WriteString("ecosystem", n.Ecosystem);
            WriteManifests(w, n.DeclaredIn);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteManifests(Utf8JsonWriter w, IReadOnlyList<ManifestReport> manifests)
    {
        w.WriteStartArray("manifests");
        foreach (var m in manifests) w.WriteStringValue(m.Manifest.RelativePath);
        w.WriteEndArray();
    }
}
