namespace DepHealth.Core.Scoring;

/// <summary>Security health S = 0.5·OpenSSF + 0.3·vulnerabilities + 0.2·security policy (reference §5.1).</summary>
public static class SecurityHealth
{
    public static ComponentScore Calculate(ScoringInput d)
    {
        // Unknown OpenSSF is penalised (0.3), not neutral.
        double openssf = d.OpenSsfScore.IsNumber ? Math.Max(0.0, Math.Min(d.OpenSsfScore.Number / 10.0, 1.0)) : 0.3;
        int weighted = d.CriticalAdvisories * 3 + d.HighAdvisories * 2 + d.MediumAdvisories;
        double vulnerabilities = 1 / (1 + Math.Exp((weighted - 2) / 1.5));
        double policy = d.HasSecurityPolicy ? 1.0 : 0.3;
        return ComponentScore.Of(
            new ScorePart("openssf_scorecard", 0.5, openssf),
            new ScorePart("vulnerabilities", 0.3, vulnerabilities),
            new ScorePart("security_policy", 0.2, policy));
    }
}
