using System.Globalization;
using System.Text;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Scoring;

/// <summary>
/// Probability that a package is abandoned within a horizon (reference §5.2): four risks weighted
/// 0.35/0.30/0.20/0.15, a Weibull time adjustment, forced to 95 for archived or deprecated packages, and the
/// risk factors in the original's order and wording (whole numbers print as integers).
/// </summary>
public static class AbandonmentRiskCalculator
{
    public const int DefaultMonths = 12;
    private const double Cap = 0.95;

    public static AbandonmentRisk Calculate(ScoringInput d, long nowTicks, int months = DefaultMonths)
    {
        months = Math.Max(1, months);

        double days = d.DaysSinceLastCommit.Or(365);
        if (days < 0) days = 0;
        double inactivity = 1 - Math.Exp(-days / 180);

        double maintainers = d.ActiveContributors90d.Or(1);
        if (maintainers < 0) maintainers = 1;
        maintainers = Math.Max(1, maintainers); // 0 reads as one maintainer here (health uses sig(-2))
        double busFactor = Math.Exp(-maintainers / 2);

        double downloads = Math.Max(0, d.WeeklyDownloads.Or(0));
        double adoption = Math.Max(0.1, Math.Min(0.9, 0.9 - Math.Log10(downloads + 1) / 7));

        long daysSinceRelease = 365; // missing or unparseable
        if (d.LastPublished.Kind == ScoringDateKind.Valid)
            daysSinceRelease = Math.Max(0, d.LastPublished.DaysUntil(nowTicks));
        double release = 1 - Math.Exp(-(double)daysSinceRelease / 365);

        double baseRisk = inactivity * 0.35 + busFactor * 0.30 + adoption * 0.20 + release * 0.15;
        double adjusted = WeibullAdjust(baseRisk, months);

        var factors = new List<string>();
        if (days > 180) factors.Add($"No commits in {PythonNumbers.Format(days)} days");
        else if (days > 90) factors.Add($"Low commit activity ({PythonNumbers.Format(days)} days since last commit)");

        if (maintainers <= 1) factors.Add("Single maintainer (bus factor = 1)");
        else if (maintainers <= 2) factors.Add($"Small maintainer pool ({PythonNumbers.Format(maintainers)} active contributors)");

        if (downloads < 1000) factors.Add($"Low adoption ({PythonNumbers.FormatGrouped(downloads)} weekly downloads)");

        string dsr = daysSinceRelease.ToString(CultureInfo.InvariantCulture);
        if (daysSinceRelease > 365) factors.Add($"No releases in {dsr} days");
        else if (daysSinceRelease > 180) factors.Add($"Infrequent releases ({dsr} days since last)");

        if (d.Archived) { factors.Add("Repository is archived"); adjusted = Cap; }
        if (d.IsDeprecated) { factors.Add("Package is deprecated"); adjusted = Cap; }
        if (DeprecationNote(d.DeprecationMessage) is { } note) factors.Add($"Deprecation note: {note}");

        return new AbandonmentRisk
        {
            Probability = PythonNumbers.Round1(adjusted * 100),
            TimeHorizonMonths = months,
            RiskFactors = factors,
            Components = new AbandonmentComponents
            {
                InactivityRisk = PythonNumbers.Round1(inactivity * 100),
                BusFactorRisk = PythonNumbers.Round1(busFactor * 100),
                AdoptionRisk = PythonNumbers.Round1(adoption * 100),
                ReleaseRisk = PythonNumbers.Round1(release * 100),
            },
        };
    }

    /// <summary>
    /// Weibull survival with shape 1.5 and scale 18·(1 − 0.5·base) months: 1 − e^(−(months/λ)^1.5), capped at 0.95.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">months &lt; 1.</exception>
    public static double WeibullAdjust(double baseRisk, int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        baseRisk = Math.Clamp(baseRisk, 0.0, 1.0);
        double lambda = 18 * (1 - baseRisk * 0.5);
        double survival = Math.Exp(-Math.Pow(months / lambda, 1.5));
        return Math.Min(1 - survival, Cap);
    }

    // The first 200 code points without <>&", stripped; null when nothing is left.
    internal static string? DeprecationNote(string? message)
    {
        if (string.IsNullOrEmpty(message)) return null;
        var sb = new StringBuilder();
        int taken = 0;
        foreach (Rune r in message.EnumerateRunes())
        {
            if (taken++ == 200) break;
            if (r.Value is '<' or '>' or '&' or '"') continue;
            sb.Append(r.ToString());
        }
        string note = PythonText.Strip(sb.ToString());
        return note.Length == 0 ? null : note;
    }
}
