using System.Buffers;
using System.Text.Json;
using DepHealth.Core.Json;
using DepHealth.Core.Manifests;
using DepHealth.Core.Packages;
using DepHealth.Core.Scoring;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Api;

/// <summary>Writes the POST /v1/scan body (reference §1.2 step 9): results sorted by risk then name, and the summary counts.</summary>
public static class ScanResponseWriter
{
    public static byte[] Write(ScanRequest scan, ScanLookup lookup, int queued, UsageAlert? alert)
    {
        var results = new List<(ScanDependency Dep, PackageRecord Record, DataQuality Quality)>(lookup.Found.Count);
        foreach (var dep in scan.Dependencies)
            if (lookup.Found.TryGetValue(dep.Key, out var record))
                results.Add((dep, record, DataQuality.Assess(record)));
        results.Sort(static (a, b) =>
        {
            var byRisk = RiskOrder(a.Record.RiskLevel).CompareTo(RiskOrder(b.Record.RiskLevel));
            return byRisk != 0 ? byRisk : string.CompareOrdinal(a.Dep.Key.Name, b.Dep.Key.Name);
        });

        int critical = 0, high = 0, medium = 0, low = 0;
        int verified = 0, partial = 0, unverified = 0, unavailableQuality = 0, verifiedRisk = 0, unverifiedRisk = 0;
        foreach (var (_, record, quality) in results)
        {
            switch (record.RiskLevel)
            {
                case "CRITICAL": critical++; break;
                case "HIGH": high++; break;
                case "MEDIUM": medium++; break;
                case "LOW": low++; break;
            }
            switch (quality.Assessment)
            {
                case DataQuality.Verified: verified++; break;
                case DataQuality.Partial: partial++; break;
                case DataQuality.Unavailable: unavailableQuality++; break;
                default: unverified++; break;
            }
            if (record.RiskLevel is "HIGH" or "CRITICAL")
            {
                if (quality.Assessment == DataQuality.Verified) verifiedRisk++;
                else unverifiedRisk++;
            }
        }

        var buffer = new ArrayBufferWriter<byte>(256 + results.Count * 400);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("ecosystem", scan.Ecosystem.ToWire());
            w.WriteNumber("total", scan.Dependencies.Count);
            w.WriteNumber("critical", critical);
            w.WriteNumber("high", high);
            w.WriteNumber("medium", medium);
            w.WriteNumber("low", low);
            w.WriteStartArray("packages");
            foreach (var (dep, record, quality) in results)
                WritePackage(w, dep, record, quality);
            w.WriteEndArray();
            WriteNames(w, "not_found", lookup.NotFound);
            WriteNames(w, "unavailable", lookup.Unavailable);
            w.WriteStartArray("invalid");
            foreach (var invalid in scan.Invalid)
            {
                w.WriteStartObject();
                w.WriteString("name", invalid.Name);
                w.WriteString("reason", invalid.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("data_quality");
            w.WriteNumber("verified_count", verified);
            w.WriteNumber("partial_count", partial);
            w.WriteNumber("unverified_count", unverified);
            w.WriteNumber("unavailable_count", unavailableQuality);
            w.WriteEndObject();
            w.WriteNumber("verified_risk_count", verifiedRisk);
            w.WriteNumber("unverified_risk_count", unverifiedRisk);
            if (queued > 0)
            {
                w.WriteStartObject("discovery");
                w.WriteNumber("queued", queued);
                w.WriteNumber("skipped", lookup.NotFound.Count - queued);
                w.WriteString("message", $"{queued} package(s) queued for collection. Re-scan later for results.");
                w.WriteEndObject();
            }
            alert?.Write(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>CRITICAL, HIGH, MEDIUM, LOW, then unscored.</summary>
    public static int RiskOrder(string? risk) => risk switch
    {
        "CRITICAL" => 0,
        "HIGH" => 1,
        "MEDIUM" => 2,
        "LOW" => 3,
        _ => 4,
    };

    private static void WritePackage(Utf8JsonWriter w, ScanDependency dep, PackageRecord r, DataQuality quality)
    {
        w.WriteStartObject();
        w.WriteString("package", dep.Key.Name);
        w.WriteString("dependency_type", dep.Kind.ToWire());
        PackageBodyWriter.WriteNumber(w, "health_score", r.HealthScore);
        w.WriteString("risk_level", r.RiskLevel);
        w.WritePropertyName("abandonment_risk");
        if (r.AbandonmentRisk is null)
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }
        else
        {
            JsonSerializer.Serialize(w, r.AbandonmentRisk, DepHealthJsonContext.Default.AbandonmentRisk);
        }
        w.WriteBoolean("is_deprecated", r.IsDeprecated ?? false);
        w.WriteBoolean("archived", r.Archived ?? false);
        PackageBodyWriter.WriteDate(w, "last_updated", r.LastUpdated);
        w.WriteStartObject("data_quality");
        w.WriteString("assessment", quality.Assessment);
        w.WriteBoolean("has_repository", quality.HasRepository);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter w, string name, IReadOnlyList<PackageKey> keys)
    {
        w.WriteStartArray(name);
        foreach (var key in keys)
            w.WriteStringValue(key.Name);
        w.WriteEndArray();
    }
}
