namespace DepHealth.Core.Scoring;

/// <summary>
/// The activity floor for stable packages: high adoption and few commits is mature, not dead.
/// adoption · activity_low · 0.7, in [0, 0.7] (reference §5.1). Uses commits_90d, not the non-bot count.
/// </summary>
public static class MaturityFactor
{
    public static double Calculate(ScoringInput d)
    {
        double downloads = Math.Max(0, d.WeeklyDownloads.Or(0));
        double dependents = Math.Max(0, d.DependentsCount.Or(0));
        double commits = Math.Max(0, d.Commits90d.Or(0));

        double downloadSignal = 1 / (1 + Math.Exp(-(Math.Log10(downloads + 1) - 6) / 0.5));
        double dependentSignal = 1 / (1 + Math.Exp(-(Math.Log10(dependents + 1) - 3.7) / 0.5));
        double adoption = Math.Max(downloadSignal, dependentSignal);

        double arg = Math.Clamp((commits - 10) / 3, -700, 700); // exp(700) is near double's limit
        double activityLow = 1 / (1 + Math.Exp(arg));
        return adoption * activityLow * 0.7;
    }
}
