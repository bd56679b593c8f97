namespace DepHealth.Core.Scoring;

/// <summary>Maintainer health M = 0.5·commit recency + 0.3·bus factor + 0.2·PR velocity (reference §5.1).</summary>
public static class MaintainerHealth
{
    public static ComponentScore Calculate(ScoringInput d)
    {
        double days = d.DaysSinceLastCommit.Or(365);
        if (days < 0) days = 0;
        double recency = Math.Exp(-0.693 * days / 90); // 90-day half-life

        double bus;
        if (d.TrueBusFactor is { IsNumber: true, Number: > 0 } tbf)
            bus = 1 / (1 + Math.Exp(-(tbf.Number - 2)));
        else
        {
            double contributors = d.ActiveContributors90d.Or(1); // no clamp: 0 gives sig(-2), as the original
            bus = 1 / (1 + Math.Exp(-(contributors - 2)));
        }

        return ComponentScore.Of(
            new ScorePart("commit_recency", 0.5, recency),
            new ScorePart("bus_factor", 0.3, bus),
            new ScorePart("pr_velocity", 0.2, PrVelocity(d)));
    }

    /// <summary>sig(5·(merged/opened − 0.5)); 0.5 with no PRs or non-integer counts.</summary>
    public static double PrVelocity(ScoringInput d)
    {
        if (d.PrsMerged90d.Kind == ScoringValueKind.Invalid || d.PrsOpened90d.Kind == ScoringValueKind.Invalid) return 0.5;
        double merged = Math.Max(0, d.PrsMerged90d.Or(0));
        double opened = Math.Max(0, d.PrsOpened90d.Or(0));
        if (opened == 0) return 0.5;
        double velocity = merged / opened;
        return 1 / (1 + Math.Exp(-5 * (velocity - 0.5)));
    }
}
