using DepHealth.Core.Packages;

namespace DepHealth.Core.Scoring;

/// <summary>
/// The one entry point of scoring: pure functions of the input and the clock. The instance form reads the
/// clock from an injected <see cref="TimeProvider"/>; the static form takes "now" explicitly.
/// </summary>
public sealed class PackageScorer(TimeProvider time)
{
    /// <summary>Scores at the provider's current time.</summary>
    public PackageScore ScoreNow(ScoringInput input, int months = AbandonmentRiskCalculator.DefaultMonths) =>
        Score(input, time.GetUtcNow(), months);

    /// <summary>Scores a stored record at the provider's current time and writes the result into it.</summary>
    public PackageScore ScoreInto(PackageRecord record, int months = AbandonmentRiskCalculator.DefaultMonths)
    {
        var now = time.GetUtcNow();
        var score = Score(ScoringInput.FromRecord(record), now, months);
        score.WriteTo(record, now);
        return score;
    }

    /// <summary>Scores <paramref name="input"/> as of <paramref name="now"/>; months below 1 count as 1.</summary>
    public static PackageScore Score(ScoringInput input, DateTimeOffset now, int months = AbandonmentRiskCalculator.DefaultMonths)
    {
        ArgumentNullException.ThrowIfNull(input);
        long nowTicks = ScoringDate.Truncate(now.UtcTicks); // Python's datetime has microsecond resolution
        var health = HealthScoreCalculator.Calculate(input, nowTicks);
        return new PackageScore
        {
            HealthScore = health.HealthScore,
            RiskLevel = health.RiskLevel,
            Components = health.Components,
            Confidence = health.Confidence,
            ConfidenceInterval = health.ConfidenceInterval,
            AbandonmentRisk = AbandonmentRiskCalculator.Calculate(input, nowTicks, months),
            Explanation = health.Explanation,
            DataQuality = DataQuality.Assess(input),
        };
    }
}
