namespace DepHealth.Core.Scoring;

/// <summary>User-centric health U: log-scaled downloads (0.5), dependents (0.3) and stars (0.2) (reference §5.1).</summary>
public static class UserCentricHealth
{
    public static ComponentScore Calculate(ScoringInput d)
    {
        double downloads = Math.Max(0, d.WeeklyDownloads.Or(0));
        double dependents = Math.Max(0, d.DependentsCount.Or(0));
        double stars = Math.Max(0, d.Stars.Or(0));
        return ComponentScore.Of(
            new ScorePart("weekly_downloads", 0.5, Math.Min(Math.Log10(downloads + 1) / 7, 1.0)),
            new ScorePart("dependents", 0.3, Math.Min(Math.Log10(dependents + 1) / 4, 1.0)),
            new ScorePart("stars", 0.2, Math.Min(Math.Log10(stars + 1) / 5, 1.0)));
    }
}
