using DepHealth.Core.Api.Client;
using DepHealth.Core.Manifests;

namespace DepHealth.Cli.Scanning;

/// <summary>One manifest's part of a scan: what was parsed, or why it could not be.</summary>
public sealed record ManifestReport(FoundManifest Manifest, string Ecosystem, int DependencyCount, int SkippedCount, string? Error)
{
    /// <summary>The manifest's text, kept to point SARIF results at a line.</summary>
    public string? Content { get; init; }
}

/// <summary>A scanned package with the manifests that declare it.</summary>
public sealed record PackageReport(string Ecosystem, ScannedPackage Result, IReadOnlyList<ManifestReport> DeclaredIn)
{
    public string Name => Result.Package;
    public string? Risk => Result.RiskLevel;
}

/// <summary>A name the API does not know yet (queued for collection), with where it is declared.</summary>
public sealed record MissingPackage(string Ecosystem, string Name, IReadOnlyList<ManifestReport> DeclaredIn);

/// <summary>Everything a scan found, deduplicated by (ecosystem, name), sorted by risk then name.</summary>
public sealed record ScanReport(
    string Root,
    IReadOnlyList<ManifestReport> Manifests,
    IReadOnlyList<string> Superseded,
    IReadOnlyList<PackageReport> Packages,
    IReadOnlyList<MissingPackage> NotFound,
    int Queued)
{
    public int Total => Packages.Count + NotFound.Count;
    public int Count(string risk) => Packages.Count(p => p.Risk == risk);
    public int Critical => Count("CRITICAL");
    public int High => Count("HIGH");
    public int Medium => Count("MEDIUM");
    public int Low => Count("LOW");
    public int Unscored => Packages.Count(p => p.Risk is not ("CRITICAL" or "HIGH" or "MEDIUM" or "LOW"));
    public int FailedManifests => Manifests.Count(m => m.Error is not null);

    /// <summary>CRITICAL, HIGH, MEDIUM, LOW or NONE.</summary>
    public string HighestRisk => Critical > 0 ? "CRITICAL" : High > 0 ? "HIGH" : Medium > 0 ? "MEDIUM" : Low > 0 ? "LOW" : "NONE";

    public int QualityCount(string assessment) => Packages.Count(p => p.Result.DataQuality?.Assessment == assessment);

    public static int RiskOrder(string? risk) => risk switch
    {
        "CRITICAL" => 0,
        "HIGH" => 1,
        "MEDIUM" => 2,
        "LOW" => 3,
        _ => 4,
    };
}

/// <summary>--fail-on: which risk levels make the scan exit 1.</summary>
public enum FailThreshold
{
    None,
    High,
    Critical,
}

/// <summary>Evaluates a <see cref="FailThreshold"/> against a report.</summary>
public static class FailThresholds
{
    public static bool TryParse(string? text, out FailThreshold threshold)
    {
        threshold = FailThreshold.None;
        if (string.IsNullOrWhiteSpace(text)) return true;
        switch (text.Trim().ToUpperInvariant())
        {
            case "HIGH": threshold = FailThreshold.High; return true;
            case "CRITICAL": threshold = FailThreshold.Critical; return true;
            default: return false;
        }
    }

    public static bool IsExceeded(this FailThreshold threshold, ScanReport report) => threshold switch
    {
        FailThreshold.Critical => report.Critical > 0,
        FailThreshold.High => report.Critical + report.High > 0,
        _ => false,
    };
}
