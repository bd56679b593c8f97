namespace DepHealth.Core.Scoring;

/// <summary>Community health C = 0.6·contributor diversity + 0.4·issue response (reference §5.1).</summary>
public static class CommunityHealth
{
    public static ComponentScore Calculate(ScoringInput d)
    {
        double contributors = d.TotalContributors.Or(1);
        if (contributors == 0) contributors = 1; // 0 means collection failed, not nobody
        contributors = Math.Max(1, contributors);
        return ComponentScore.Of(
            new ScorePart("contributors", 0.6, Math.Min(Math.Log10(contributors + 1) / 1.7, 1.0)),
            new ScorePart("issue_response", 0.4, IssueResponse(d)));
    }

    /// <summary>1.0 within 24 h, linear to 0.7 at 72 h, then 0.7·e^(−0.01·(h−72)); 0.5 when unknown.</summary>
    public static double IssueResponse(ScoringInput d)
    {
        if (!d.AvgIssueResponseHours.IsNumber) return 0.5;
        double hours = Math.Max(0, d.AvgIssueResponseHours.Number);
        if (hours <= 24) return 1.0;
        if (hours <= 72) return 0.7 + 0.3 * (1 - (hours - 24) / 48);
        return 0.7 * Math.Exp(-0.01 * (hours - 72));
    }
}
