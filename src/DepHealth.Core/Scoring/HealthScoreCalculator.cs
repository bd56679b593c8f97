using DepHealth.Core.Packages;

namespace DepHealth.Core.Scoring;

/// <summary>
/// The health score (reference §5.1): five components clamped to [0, 1], weighted 0.25/0.30/0.20/0.10/0.15,
/// <c>round(100·Σ, 1)</c>; plus the confidence interval (not rounded, as the original) and the explanation.
/// </summary>
public static class HealthScoreCalculator
{
    public const double MaintainerWeight = 0.25;
    public const double UserCentricWeight = 0.30;
    public const double EvolutionWeight = 0.20;
    public const double CommunityWeight = 0.10;
    public const double SecurityWeight = 0.15;

    public static HealthScoreResult Calculate(ScoringInput d, long nowTicks)
    {
        var maintainer = MaintainerHealth.Calculate(d);
        var userCentric = UserCentricHealth.Calculate(d);
        var evolution = EvolutionHealth.Calculate(d, nowTicks);
        var community = CommunityHealth.Calculate(d);
        var security = SecurityHealth.Calculate(d);

        double m = Math.Clamp(maintainer.Value, 0.0, 1.0);
        double u = Math.Clamp(userCentric.Value, 0.0, 1.0);
        double e = Math.Clamp(evolution.Value, 0.0, 1.0);
        double c = Math.Clamp(community.Value, 0.0, 1.0);
        double s = Math.Clamp(security.Value, 0.0, 1.0);

        double raw = m * MaintainerWeight + u * UserCentricWeight + e * EvolutionWeight + c * CommunityWeight + s * SecurityWeight;
        double healthScore = PythonNumbers.Round1(Math.Max(0, Math.Min(100, raw * 100)));

        var confidence = ConfidenceCalculator.Calculate(d, nowTicks);
        double margin = confidence.IntervalMargin ?? ConfidenceCalculator.DefaultIntervalMargin;
        double[] interval = [Math.Max(0, healthScore - margin), Math.Min(100, healthScore + margin)];

        var components = new ScoreComponents
        {
            MaintainerHealth = PythonNumbers.Round1(m * 100),
            UserCentric = PythonNumbers.Round1(u * 100),
            EvolutionHealth = PythonNumbers.Round1(e * 100),
            CommunityHealth = PythonNumbers.Round1(c * 100),
            SecurityHealth = PythonNumbers.Round1(s * 100),
        };

        var explanation = ScoreExplanation.Build(raw * 100,
            ("maintainer_health", MaintainerWeight, m, maintainer.Parts),
            ("user_centric", UserCentricWeight, u, userCentric.Parts),
            ("evolution_health", EvolutionWeight, e, evolution.Parts),
            ("community_health", CommunityWeight, c, community.Parts),
            ("security_health", SecurityWeight, s, security.Parts));

        return new HealthScoreResult(healthScore, interval, RiskLevels.From(healthScore), components, confidence, explanation);
    }
}
