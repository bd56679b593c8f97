using System.Text.Json.Serialization;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Api.Client;

/// <summary>GET /v1/packages/{ecosystem}/{name} as a client reads it; every member is optional (sparse <c>?fields=</c>).</summary>
public sealed class PackageHealth
{
    [JsonPropertyName("package")] public string? Package { get; set; }
    [JsonPropertyName("ecosystem")] public string? Ecosystem { get; set; }
    [JsonPropertyName("health_score")] public double? HealthScore { get; set; }
    [JsonPropertyName("risk_level")] public string? RiskLevel { get; set; }
    [JsonPropertyName("abandonment_risk")] public AbandonmentRisk? AbandonmentRisk { get; set; }
    [JsonPropertyName("components")] public ScoreComponents? Components { get; set; }
    [JsonPropertyName("signals")] public PackageSignals? Signals { get; set; }
    [JsonPropertyName("advisories")] public List<Advisory>? Advisories { get; set; }
    [JsonPropertyName("latest_version")] public string? LatestVersion { get; set; }
    [JsonPropertyName("last_published")] public DateTimeOffset? LastPublished { get; set; }
    [JsonPropertyName("repository_url")] public string? RepositoryUrl { get; set; }
    [JsonPropertyName("last_updated")] public DateTimeOffset? LastUpdated { get; set; }
    [JsonPropertyName("data_quality")] public ClientDataQuality? DataQuality { get; set; }
}

/// <summary>The <c>signals</c> block of a package answer.</summary>
public sealed class PackageSignals
{
    [JsonPropertyName("weekly_downloads")] public long? WeeklyDownloads { get; set; }
    [JsonPropertyName("dependents_count")] public long? DependentsCount { get; set; }
    [JsonPropertyName("stars")] public long? Stars { get; set; }
    [JsonPropertyName("days_since_last_commit")] public long? DaysSinceLastCommit { get; set; }
    [JsonPropertyName("commits_90d")] public long? Commits90d { get; set; }
    [JsonPropertyName("active_contributors_90d")] public long? ActiveContributors90d { get; set; }
    [JsonPropertyName("maintainer_count")] public long? MaintainerCount { get; set; }
    [JsonPropertyName("is_deprecated")] public bool? IsDeprecated { get; set; }
    [JsonPropertyName("archived")] public bool? Archived { get; set; }
    [JsonPropertyName("openssf_score")] public double? OpenSsfScore { get; set; }
    [JsonPropertyName("true_bus_factor")] public long? TrueBusFactor { get; set; }
    [JsonPropertyName("bus_factor_confidence")] public string? BusFactorConfidence { get; set; }
}

/// <summary>The data-quality object, full (GET) or compact (scan) form.</summary>
public sealed class ClientDataQuality
{
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("assessment")] public string? Assessment { get; set; }
    [JsonPropertyName("has_repository")] public bool? HasRepository { get; set; }
    [JsonPropertyName("explanation")] public string? Explanation { get; set; }
}
