using System.Text.Json.Serialization;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Scoring;

/// <summary>Everything the scorer computes for one package: health, abandonment risk, explanation and data quality.</summary>
public sealed class PackageScore
{
    [JsonPropertyName("health_score")] public double HealthScore { get; set; }
    [JsonPropertyName("risk_level")] public string RiskLevel { get; set; } = "";
    [JsonPropertyName("components")] public ScoreComponents Components { get; set; } = new();
    [JsonPropertyName("confidence")] public Confidence Confidence { get; set; } = new();
    /// <summary>[max(0, score − margin), min(100, score + margin)], deliberately not rounded (parity).</summary>
    [JsonPropertyName("confidence_interval")] public double[] ConfidenceInterval { get; set; } = [];
    [JsonPropertyName("abandonment_risk")] public AbandonmentRisk AbandonmentRisk { get; set; } = new();
    [JsonPropertyName("explanation")] public ScoreExplanation Explanation { get; set; } = new();
    [JsonPropertyName("data_quality")] public DataQuality DataQuality { get; set; } = new();

    /// <summary>Writes the stored score attributes into <paramref name="record"/>, as the original scorer's UpdateItem did.</summary>
    public void WriteTo(PackageRecord record, DateTimeOffset scoredAt)
    {
        record.HealthScore = HealthScore;
        record.RiskLevel = RiskLevel;
        record.ScoreComponents = Components;
        record.Confidence = Confidence;
        record.ConfidenceInterval = [.. ConfidenceInterval];
        record.AbandonmentRisk = AbandonmentRisk;
        record.ScoredAt = scoredAt;
    }
}
