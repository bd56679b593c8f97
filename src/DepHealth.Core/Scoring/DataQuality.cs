using System.Text.Json.Serialization;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Scoring;

/// <summary>How complete a package's data is (reference §3.4), the full form served by GET.</summary>
public sealed class DataQuality
{
    public const string Verified = "VERIFIED";
    public const string Partial = "PARTIAL";
    public const string Unverified = "UNVERIFIED";
    public const string Unavailable = "UNAVAILABLE";

    [JsonPropertyName("status")] public string Status { get; set; } = "minimal";
    [JsonPropertyName("assessment")] public string Assessment { get; set; } = Unverified;
    [JsonPropertyName("missing_sources")] public List<string> MissingSources { get; set; } = [];
    [JsonPropertyName("has_repository")] public bool HasRepository { get; set; }
    [JsonPropertyName("explanation")] public string Explanation { get; set; } = "";

    /// <summary>The full form from a data_status ("minimal" when none), the missing sources and whether a repository URL is known.</summary>
    public static DataQuality Assess(string? dataStatus, IReadOnlyList<string>? missingSources, bool hasRepository)
    {
        string status = dataStatus ?? "minimal";
        var missing = missingSources ?? [];
        return new DataQuality
        {
            Status = status,
            Assessment = AssessmentOf(status, hasRepository),
            MissingSources = [.. missing],
            HasRepository = hasRepository,
            Explanation = ExplanationOf(status, missing, hasRepository),
        };
    }

    /// <summary>The full form for a scoring input.</summary>
    public static DataQuality Assess(ScoringInput d) => Assess(d.DataStatus, d.MissingSources, d.HasRepository);

    /// <summary>The full form for a stored record.</summary>
    public static DataQuality Assess(PackageRecord r) => Assess(r.DataStatus, r.MissingSources, !string.IsNullOrEmpty(r.RepositoryUrl));

    /// <summary>The compact form used by scan results.</summary>
    public DataQualityCompact ToCompact() => new() { Assessment = Assessment, HasRepository = HasRepository };

    /// <summary>complete → VERIFIED; partial with a repository → PARTIAL; abandoned_minimal → UNAVAILABLE; else UNVERIFIED.</summary>
    public static string AssessmentOf(string status, bool hasRepository) => status switch
    {
        "complete" => Verified,
        "partial" when hasRepository => Partial,
        "abandoned_minimal" => Unavailable,
        _ => Unverified,
    };

    /// <summary>
    /// The human explanation. Unlike the original (which tested for "depsdev", a name the collector never writes),
    /// "deps.dev data unavailable" fires when "deps.dev" is missing.
    /// </summary>
    public static string ExplanationOf(string status, IReadOnlyList<string> missing, bool hasRepository)
    {
        if (status == "complete") return "Complete data from all sources";
        if (status == "abandoned_minimal") return "Package data unavailable after multiple collection attempts";
        var parts = new List<string>(4);
        if (!hasRepository) parts.Add("No repository URL - GitHub metrics unavailable");
        if (missing.Contains("github")) parts.Add("GitHub data collection failed");
        if (missing.Contains("npm") || missing.Contains("pypi")) parts.Add("Registry data incomplete");
        if (missing.Contains("deps.dev") || missing.Contains("depsdev")) parts.Add("deps.dev data unavailable");
        return parts.Count > 0 ? string.Join("; ", parts) : "Some data sources unavailable";
    }
}

/// <summary>The compact data-quality form of scan results: <c>{assessment, has_repository}</c>.</summary>
public sealed class DataQualityCompact
{
    [JsonPropertyName("assessment")] public string Assessment { get; set; } = DataQuality.Unverified;
    [JsonPropertyName("has_repository")] public bool HasRepository { get; set; }
}
