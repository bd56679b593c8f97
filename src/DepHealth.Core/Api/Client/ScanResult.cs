using System.Text.Json.Serialization;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Api.Client;

/// <summary>POST /v1/scan request body as the CLI sends it: names in lists, production and development apart.</summary>
public sealed class ScanRequestBody
{
    [JsonPropertyName("ecosystem")] public string Ecosystem { get; set; } = "npm";
    [JsonPropertyName("dependencies")] public List<string> Dependencies { get; set; } = [];
    [JsonPropertyName("devDependencies")] public List<string>? DevDependencies { get; set; }
}

/// <summary>POST /v1/scan answer as a client reads it.</summary>
public sealed class ScanResult
{
    [JsonPropertyName("ecosystem")] public string? Ecosystem { get; set; }
    [JsonPropertyName("total")] public int Total { get; set; }
    [JsonPropertyName("critical")] public int Critical { get; set; }
    [JsonPropertyName("high")] public int High { get; set; }
    [JsonPropertyName("medium")] public int Medium { get; set; }
    [JsonPropertyName("low")] public int Low { get; set; }
    [JsonPropertyName("packages")] public List<ScannedPackage> Packages { get; set; } = [];
    [JsonPropertyName("not_found")] public List<string> NotFound { get; set; } = [];
    [JsonPropertyName("unavailable")] public List<string>? Unavailable { get; set; }
    [JsonPropertyName("invalid")] public List<InvalidName>? Invalid { get; set; }
    [JsonPropertyName("discovery")] public ScanDiscovery? Discovery { get; set; }
}

/// <summary>One package of a scan answer.</summary>
public sealed class ScannedPackage
{
    [JsonPropertyName("package")] public string Package { get; set; } = "";
    [JsonPropertyName("dependency_type")] public string? DependencyType { get; set; }
    [JsonPropertyName("health_score")] public double? HealthScore { get; set; }
    [JsonPropertyName("risk_level")] public string? RiskLevel { get; set; }
    [JsonPropertyName("abandonment_risk")] public AbandonmentRisk? AbandonmentRisk { get; set; }
    [JsonPropertyName("is_deprecated")] public bool? IsDeprecated { get; set; }
    [JsonPropertyName("archived")] public bool? Archived { get; set; }
    [JsonPropertyName("last_updated")] public DateTimeOffset? LastUpdated { get; set; }
    [JsonPropertyName("data_quality")] public ClientDataQuality? DataQuality { get; set; }
}

/// <summary>A name the API refused, and why.</summary>
public sealed class InvalidName
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

/// <summary>Unknown packages queued for collection by a scan.</summary>
public sealed class ScanDiscovery
{
    [JsonPropertyName("queued")] public int Queued { get; set; }
    [JsonPropertyName("skipped")] public int Skipped { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}
