namespace DepHealth.Core.Scoring;

/// <summary>Risk level of a (rounded) health score: ≥ 80 LOW, ≥ 60 MEDIUM, ≥ 40 HIGH, else CRITICAL; bounds inclusive.</summary>
public static class RiskLevels
{
    public const string Low = "LOW";
    public const string Medium = "MEDIUM";
    public const string High = "HIGH";
    public const string Critical = "CRITICAL";

    public static string From(double healthScore) => healthScore switch
    {
        >= 80 => Low,
        >= 60 => Medium,
        >= 40 => High,
        _ => Critical,
    };
}
