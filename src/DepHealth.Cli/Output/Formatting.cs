using System.Globalization;
using DepHealth.Core.Api.Client;

namespace DepHealth.Cli.Output;

/// <summary>Invariant-culture renderings shared by the output formats.</summary>
public static class Formatting
{
    public static string Score(double? score) => score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    /// <summary>Abandonment probability (0-100 in the API) as a whole percentage, or "-" when unknown.</summary>
    public static string Abandonment(ScannedPackage p) =>
        p.HealthScore is null || p.AbandonmentRisk is null ? "-" : Percent(p.AbandonmentRisk.Probability);

    public static string Percent(double value) => Math.Round(value).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The first risk factor, or what makes the package stand out.</summary>
    public static string Why(ScannedPackage p)
    {
        if (p.IsDeprecated == true) return "Package is deprecated";
        if (p.Archived == true) return "Repository is archived";
        if (p.AbandonmentRisk?.RiskFactors is { Count: > 0 } factors) return factors[0];
        return p.HealthScore is null ? "Not scored yet" : "";
    }

    public static string Count(long n) => n switch
    {
        >= 1_000_000_000 => (n / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000 => (n / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (n / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    public static string Limited(string? assessment) =>
        assessment is null or "VERIFIED" ? "" : " (limited data)";
}
