using DepHealth.Core.Packages;

namespace DepHealth.Core.Scoring;

/// <summary>The health half of a score: the 0–100 score, its interval, risk level, components, confidence and why.</summary>
public sealed record HealthScoreResult(
    double HealthScore,
    double[] ConfidenceInterval,
    string RiskLevel,
    ScoreComponents Components,
    Confidence Confidence,
    ScoreExplanation Explanation);
