using System.Globalization;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Scoring;

/// <summary>
/// How far to trust a score (reference §5.1): data completeness, package age and data freshness; packages
/// younger than 90 days get INSUFFICIENT_DATA. Also gives the confidence-interval margin (5/10/15).
/// </summary>
public static class ConfidenceCalculator
{
    public const string InsufficientData = "INSUFFICIENT_DATA";

    /// <summary>The margin used when the confidence has none (INSUFFICIENT_DATA).</summary>
    public const int DefaultIntervalMargin = 10;

    public static Confidence Calculate(ScoringInput d, long nowTicks)
    {
        int present = 0;
        foreach (bool p in (ReadOnlySpan<bool>)[
            d.DaysSinceLastCommit.CountsAsPresent, d.WeeklyDownloads.CountsAsPresent, d.ActiveContributors90d.CountsAsPresent,
            d.LastPublished.CountsAsPresent, d.AvgIssueResponseHours.CountsAsPresent, d.PrsMerged90d.CountsAsPresent,
            d.PrsOpened90d.CountsAsPresent])
            if (p) present++;
        double completeness = present / 7.0;

        double age = 0.5; // unknown age
        if (d.CreatedAt.Kind == ScoringDateKind.Valid)
        {
            long ageDays = d.CreatedAt.DaysUntil(nowTicks);
            if (ageDays < 90)
                return new Confidence
                {
                    Score = 20.0,
                    Level = InsufficientData,
                    Reason = $"Package is only {ageDays.ToString(CultureInfo.InvariantCulture)} days old. Scores may be unreliable.",
                };
            age = ageDays < 180 ? 0.5 : ageDays < 365 ? 0.7 : 1.0;
        }

        double freshness = 1.0;
        if (d.LastUpdated.Kind == ScoringDateKind.Valid)
        {
            // timedelta.total_seconds() / 3600 at microsecond precision.
            double hours = (nowTicks - d.LastUpdated.UtcTicks) / TimeSpan.TicksPerMicrosecond / 1e6 / 3600;
            freshness = hours > 168 ? 0.7 : hours > 48 ? 0.9 : 1.0;
        }

        double score = completeness * 0.5 + age * 0.3 + freshness * 0.2;
        (string quality, int margin) = completeness >= 0.8 ? ("high", 5) : completeness >= 0.5 ? ("medium", 10) : ("low", 15);
        return new Confidence
        {
            Score = PythonNumbers.Round1(score * 100),
            Level = score >= 0.8 ? "HIGH" : score >= 0.5 ? "MEDIUM" : "LOW",
            DataQuality = quality,
            IntervalMargin = margin,
        };
    }
}
