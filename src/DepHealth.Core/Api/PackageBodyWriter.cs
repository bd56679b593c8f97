using System.Buffers;
using System.Text.Json;
using DepHealth.Core.Json;
using DepHealth.Core.Packages;
using DepHealth.Core.Scoring;

namespace DepHealth.Core.Api;

/// <summary>Writes the GET /v1/packages body (reference §1.1) with <see cref="Utf8JsonWriter"/>, members in the original's order.</summary>
public static class PackageBodyWriter
{
    /// <summary>The OpenSSF checks summarised by name in <c>openssf_checks.summary</c>.</summary>
    public static readonly IReadOnlyList<string> KeyChecks =
        ["Branch-Protection", "Signed-Releases", "Security-Policy", "Code-Review", "Dependency-Update-Tool", "Vulnerabilities"];

    /// <summary>The full body and its ETag (what the cache keeps).</summary>
    public static RenderedBody RenderFull(PackageRecord record) => Render(record, PackageField.All, null);

    public static RenderedBody Render(PackageRecord record, PackageField fields, UsageAlert? alert)
    {
        var buffer = new ArrayBufferWriter<byte>(fields == PackageField.All ? 2048 : 256);
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, record, fields, alert);
        var bytes = buffer.WrittenSpan.ToArray();
        return new RenderedBody(bytes, ETags.Compute(bytes));
    }

    public static void Write(Utf8JsonWriter w, PackageRecord r, PackageField fields, UsageAlert? alert)
    {
        w.WriteStartObject();
        if (Has(fields, PackageField.Package)) w.WriteString("package", r.Name);
        if (Has(fields, PackageField.Ecosystem)) w.WriteString("ecosystem", r.Ecosystem);
        if (Has(fields, PackageField.HealthScore)) WriteNumber(w, "health_score", r.HealthScore);
        if (Has(fields, PackageField.RiskLevel)) w.WriteString("risk_level", r.RiskLevel);
        if (Has(fields, PackageField.AbandonmentRisk))
            WriteValue(w, "abandonment_risk", r.AbandonmentRisk, DepHealthJsonContext.Default.AbandonmentRisk);
        if (Has(fields, PackageField.Components))
            WriteValue(w, "components", r.ScoreComponents, DepHealthJsonContext.Default.ScoreComponents);
        if (Has(fields, PackageField.Confidence))
            WriteValue(w, "confidence", r.Confidence, DepHealthJsonContext.Default.Confidence);
        if (Has(fields, PackageField.Signals)) WriteSignals(w, r);
        if (Has(fields, PackageField.OpenSsfChecks)) WriteOpenSsf(w, r.OpenSsfChecks);
        if (Has(fields, PackageField.Advisories))
            WriteValue(w, "advisories", r.Advisories ?? [], DepHealthJsonContext.Default.ListAdvisory);
        if (Has(fields, PackageField.LatestVersion)) w.WriteString("latest_version", r.LatestVersion);
        if (Has(fields, PackageField.LastPublished)) WriteDate(w, "last_published", r.LastPublished);
        if (Has(fields, PackageField.RepositoryUrl)) w.WriteString("repository_url", r.RepositoryUrl);
        if (Has(fields, PackageField.LastUpdated)) WriteDate(w, "last_updated", r.LastUpdated);
        if (Has(fields, PackageField.DataQuality))
            WriteValue(w, "data_quality", DataQuality.Assess(r), DepHealthJsonContext.Default.DataQuality);
        if (Has(fields, PackageField.Explanation))
            WriteValue(w, "explanation", Explain(r), DepHealthJsonContext.Default.ScoreExplanation);
        alert?.Write(w);
        w.WriteEndObject();
    }

    /// <summary>
    /// Why the stored score is what it is: the scorer re-run on the stored signals as of <c>scored_at</c>, so the
    /// terms add up to the stored health_score. Null for a record that was never scored.
    /// </summary>
    public static ScoreExplanation? Explain(PackageRecord r)
    {
        if (r.HealthScore is null)
            return null;
        var at = r.ScoredAt ?? r.LastUpdated ?? r.CollectedAt ?? DateTimeOffset.UnixEpoch;
        return PackageScorer.Score(ScoringInput.FromRecord(r), at).Explanation;
    }

    private static bool Has(PackageField set, PackageField field) => (set & field) != 0;

    private static void WriteSignals(Utf8JsonWriter w, PackageRecord r)
    {
        w.WriteStartObject("signals");
        WriteNumber(w, "weekly_downloads", r.WeeklyDownloads);
        WriteNumber(w, "dependents_count", r.DependentsCount);
        WriteNumber(w, "stars", r.Stars);
        WriteNumber(w, "days_since_last_commit", r.DaysSinceLastCommit);
        WriteNumber(w, "commits_90d", r.Commits90d);
        WriteNumber(w, "active_contributors_90d", r.ActiveContributors90d);
        WriteNumber(w, "maintainer_count", r.MaintainerCount);
        WriteBool(w, "is_deprecated", r.IsDeprecated);
        WriteBool(w, "archived", r.Archived);
        WriteNumber(w, "openssf_score", r.OpenSsfScore);
        // The original reports an unknown bus factor as 1 with LOW confidence.
        w.WriteNumber("true_bus_factor", r.TrueBusFactor is > 0 ? r.TrueBusFactor.Value : 1);
        w.WriteString("bus_factor_confidence", string.IsNullOrEmpty(r.BusFactorConfidence) ? "LOW" : r.BusFactorConfidence);
        w.WriteEndObject();
    }

    private static void WriteOpenSsf(Utf8JsonWriter w, List<OpenSsfCheck>? checks)
    {
        w.WriteStartObject("openssf_checks");
        w.WriteStartObject("summary");
        foreach (var check in checks ?? [])
        {
            if (check.Name is null || !KeyChecks.Contains(check.Name))
                continue;
            var score = check.Score ?? 0;
            w.WriteStartObject(check.Name);
            w.WriteNumber("score", score);
            w.WriteString("status", score >= 8 ? "pass" : score >= 5 ? "partial" : "fail");
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartArray("all_checks");
        foreach (var check in checks ?? [])
        {
            w.WriteStartObject();
            w.WriteString("name", check.Name);
            w.WriteNumber("score", check.Score ?? 0);
            w.WriteString("reason", check.Reason ?? "");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    internal static void WriteNumber(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    internal static void WriteBool(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v) w.WriteBoolean(name, v);
        else w.WriteNull(name);
    }

    internal static void WriteDate(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v) w.WriteString(name, v);
        else w.WriteNull(name);
    }

    private static void WriteValue<T>(Utf8JsonWriter w, string name, T? value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
    {
        w.WritePropertyName(name);
        if (value is null) w.WriteNullValue();
        else JsonSerializer.Serialize(w, value, info);
    }
}
