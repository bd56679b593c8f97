namespace DepHealth.Core.Scoring;

/// <summary>Evolution health E = 0.5·release recency + 0.5·max(commit activity, maturity) (reference §5.1).</summary>
public static class EvolutionHealth
{
    public static ComponentScore Calculate(ScoringInput d, long nowTicks)
    {
        double release = 0.5; // missing or unparseable date: neutral
        if (d.LastPublished.Kind == ScoringDateKind.Valid)
        {
            long days = Math.Max(0, d.LastPublished.DaysUntil(nowTicks)); // future dates count as today
            release = Math.Exp(-0.693 * days / 180); // 180-day half-life
        }

        double activity = Math.Min(Math.Log10(CommitCount(d) + 1) / 1.7, 1.0);
        activity = Math.Max(activity, MaturityFactor.Calculate(d));

        return ComponentScore.Of(
            new ScorePart("release_recency", 0.5, release),
            new ScorePart("commit_activity", 0.5, activity));
    }

    /// <summary>
    /// commits_90d_non_bot when the attribute is there, else commits_90d. An explicit null non-bot count is 0,
    /// not commits_90d: the original's <c>get(k, default) or 0</c> quirk, kept for parity.
    /// </summary>
    public static double CommitCount(ScoringInput d)
    {
        double commits = d.Commits90dNonBot.Kind switch
        {
            ScoringValueKind.Number => d.Commits90dNonBot.Number,
            ScoringValueKind.Null => 0,
            _ => d.Commits90d.Or(0),
        };
        return Math.Max(0, commits);
    }
}
