using System.Text.Json.Serialization;

namespace DepHealth.Core.Packages;

/// <summary>
/// The one stored, scored record per package (reference §3.1), plus the signals the original computed
/// but never stored. Attribute names are the stored/wire names; null means "not known".
/// </summary>
public sealed class PackageRecord
{
    // Identity
    [JsonPropertyName("ecosystem")] public string Ecosystem { get; set; } = "";
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("tier")] public int? Tier { get; set; }
    [JsonPropertyName("last_updated")] public DateTimeOffset? LastUpdated { get; set; }

    // Core
    [JsonPropertyName("latest_version")] public string? LatestVersion { get; set; }
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("last_published")] public DateTimeOffset? LastPublished { get; set; }

    // Signals
    [JsonPropertyName("weekly_downloads")] public long? WeeklyDownloads { get; set; }
    [JsonPropertyName("dependents_count")] public long? DependentsCount { get; set; }
    [JsonPropertyName("stars")] public long? Stars { get; set; }
    [JsonPropertyName("forks")] public long? Forks { get; set; }
    [JsonPropertyName("open_issues")] public long? OpenIssues { get; set; }
    [JsonPropertyName("maintainer_count")] public long? MaintainerCount { get; set; }
    [JsonPropertyName("maintainers")] public List<string>? Maintainers { get; set; }
    [JsonPropertyName("days_since_last_commit")] public long? DaysSinceLastCommit { get; set; }
    [JsonPropertyName("commits_90d")] public long? Commits90d { get; set; }
    [JsonPropertyName("commits_90d_non_bot")] public long? Commits90dNonBot { get; set; }
    [JsonPropertyName("active_contributors_90d")] public long? ActiveContributors90d { get; set; }
    [JsonPropertyName("total_contributors")] public long? TotalContributors { get; set; }
    [JsonPropertyName("true_bus_factor")] public long? TrueBusFactor { get; set; }
    [JsonPropertyName("bus_factor_confidence")] public string? BusFactorConfidence { get; set; }
    [JsonPropertyName("contribution_distribution")] public List<Contribution>? ContributionDistribution { get; set; }
    [JsonPropertyName("avg_issue_response_hours")] public double? AvgIssueResponseHours { get; set; }
    [JsonPropertyName("prs_opened_90d")] public long? PrsOpened90d { get; set; }
    [JsonPropertyName("prs_merged_90d")] public long? PrsMerged90d { get; set; }

    // Security
    [JsonPropertyName("advisories")] public List<Advisory>? Advisories { get; set; }
    [JsonPropertyName("openssf_score")] public double? OpenSsfScore { get; set; }
    [JsonPropertyName("openssf_checks")] public List<OpenSsfCheck>? OpenSsfChecks { get; set; }

    // Flags
    [JsonPropertyName("is_deprecated")] public bool? IsDeprecated { get; set; }
    [JsonPropertyName("deprecation_message")] public string? DeprecationMessage { get; set; }
    [JsonPropertyName("archived")] public bool? Archived { get; set; }

    // Developer experience
    [JsonPropertyName("has_types")] public bool? HasTypes { get; set; }
    [JsonPropertyName("module_type")] public string? ModuleType { get; set; }
    [JsonPropertyName("has_exports")] public bool? HasExports { get; set; }
    [JsonPropertyName("engines")] public Dictionary<string, string>? Engines { get; set; }
    [JsonPropertyName("bundle_size")] public long? BundleSize { get; set; }
    [JsonPropertyName("bundle_size_gzip")] public long? BundleSizeGzip { get; set; }
    [JsonPropertyName("bundle_size_category")] public string? BundleSizeCategory { get; set; }
    [JsonPropertyName("bundle_dependency_count")] public long? BundleDependencyCount { get; set; }
    [JsonPropertyName("dependencies_direct")] public long? DependenciesDirect { get; set; }

    // PyPI
    [JsonPropertyName("requires_python")] public string? RequiresPython { get; set; }
    [JsonPropertyName("development_status")] public string? DevelopmentStatus { get; set; }
    [JsonPropertyName("python_versions")] public List<string>? PythonVersions { get; set; }

    // Metadata
    [JsonPropertyName("repository_url")] public string? RepositoryUrl { get; set; }
    [JsonPropertyName("licenses")] public List<string>? Licenses { get; set; }
    [JsonPropertyName("sources")] public List<string>? Sources { get; set; }
    [JsonPropertyName("data_freshness")] public string? DataFreshness { get; set; }
    [JsonPropertyName("stale_reason")] public string? StaleReason { get; set; }
    [JsonPropertyName("stale_sources")] public List<string>? StaleSources { get; set; }
    [JsonPropertyName("collected_at")] public DateTimeOffset? CollectedAt { get; set; }
    /// <summary>ETags of the last GitHub responses, by call, for conditional requests.</summary>
    [JsonPropertyName("github_etags")] public Dictionary<string, string>? GitHubEtags { get; set; }

    // Completeness
    [JsonPropertyName("data_status")] public string? DataStatus { get; set; }
    [JsonPropertyName("missing_sources")] public List<string>? MissingSources { get; set; }
    [JsonPropertyName("retry_count")] public int? RetryCount { get; set; }
    [JsonPropertyName("next_retry_at")] public DateTimeOffset? NextRetryAt { get; set; }
    [JsonPropertyName("retry_dispatched_at")] public DateTimeOffset? RetryDispatchedAt { get; set; }

    // Scores (written by the scorer)
    [JsonPropertyName("health_score")] public double? HealthScore { get; set; }
    [JsonPropertyName("risk_level")] public string? RiskLevel { get; set; }
    [JsonPropertyName("score_components")] public ScoreComponents? ScoreComponents { get; set; }
    [JsonPropertyName("confidence")] public Confidence? Confidence { get; set; }
    [JsonPropertyName("confidence_interval")] public double[]? ConfidenceInterval { get; set; }
    [JsonPropertyName("abandonment_risk")] public AbandonmentRisk? AbandonmentRisk { get; set; }
    [JsonPropertyName("scored_at")] public DateTimeOffset? ScoredAt { get; set; }

    // Placeholders
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("requested_by_ip")] public string? RequestedByIp { get; set; }

    /// <summary>DynamoDB partition key: <c>{ecosystem}#{name}</c>.</summary>
    public static string KeyOf(string ecosystem, string normalizedName) => $"{ecosystem}#{normalizedName}";
}

/// <summary>One committer's share of the last 90 days' commits.</summary>
public sealed record Contribution(
    [property: JsonPropertyName("login")] string Login,
    [property: JsonPropertyName("commits")] long Commits);

/// <summary>A security advisory affecting the package's latest version.</summary>
public sealed class Advisory
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("severity")] public string? Severity { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("url")] public string? Url { get; set; }
}

/// <summary>One OpenSSF Scorecard check.</summary>
public sealed class OpenSsfCheck
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("score")] public double? Score { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    [JsonPropertyName("documentation")] public string? Documentation { get; set; }
}

/// <summary>The five health components, each 0–100 with one decimal.</summary>
public sealed class ScoreComponents
{
    [JsonPropertyName("maintainer_health")] public double MaintainerHealth { get; set; }
    [JsonPropertyName("user_centric")] public double UserCentric { get; set; }
    [JsonPropertyName("evolution_health")] public double EvolutionHealth { get; set; }
    [JsonPropertyName("community_health")] public double CommunityHealth { get; set; }
    [JsonPropertyName("security_health")] public double SecurityHealth { get; set; }
}

/// <summary>How far to trust a score: <c>{score, level, data_quality, interval_margin}</c> or INSUFFICIENT_DATA with a reason.</summary>
public sealed class Confidence
{
    [JsonPropertyName("score")] public double Score { get; set; }
    [JsonPropertyName("level")] public string Level { get; set; } = "";
    [JsonPropertyName("data_quality")] public string? DataQuality { get; set; }
    [JsonPropertyName("interval_margin")] public double? IntervalMargin { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

/// <summary>Probability of abandonment within a horizon, and why (reference §5.2).</summary>
public sealed class AbandonmentRisk
{
    [JsonPropertyName("probability")] public double Probability { get; set; }
    [JsonPropertyName("time_horizon_months")] public int TimeHorizonMonths { get; set; }
    [JsonPropertyName("risk_factors")] public List<string> RiskFactors { get; set; } = [];
    [JsonPropertyName("components")] public AbandonmentComponents Components { get; set; } = new();
}

/// <summary>The four abandonment sub-risks, each 0–100 with one decimal.</summary>
public sealed class AbandonmentComponents
{
    [JsonPropertyName("inactivity_risk")] public double InactivityRisk { get; set; }
    [JsonPropertyName("bus_factor_risk")] public double BusFactorRisk { get; set; }
    [JsonPropertyName("adoption_risk")] public double AdoptionRisk { get; set; }
    [JsonPropertyName("release_risk")] public double ReleaseRisk { get; set; }
}
