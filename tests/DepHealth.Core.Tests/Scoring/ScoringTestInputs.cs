using System.Text.Json;
using DepHealth.Core.Scoring;

namespace DepHealth.Core.Tests.Scoring;

/// <summary>Builds scoring inputs from JSON text and fixes "now" for the date-based terms.</summary>
internal static class ScoringTestInputs
{
    /// <summary>The frozen clock of the expected values (they were produced by the original with this "now").</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 7, 0, 0, 0, TimeSpan.Zero);

    public static long NowTicks => Now.UtcTicks;

    public static ScoringInput Input(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return ScoringInput.FromJson(doc.RootElement);
    }

    /// <summary>The lodash fixture of reference §5.3 (no dates).</summary>
    public const string Lodash = """
        {"days_since_last_commit":45,"active_contributors_90d":2,"true_bus_factor":2,"weekly_downloads":80000000,
         "dependents_count":150000,"stars":58000,"commits_90d":3,"total_contributors":350,"openssf_score":6.5,
         "advisories":[],"openssf_checks":[{"name":"Security-Policy","score":10}]}
        """;

    /// <summary>A typical stored row without GitHub data (reference §5.3), with the floats DynamoDB gives.</summary>
    public const string TypicalRow = """
        {"weekly_downloads":1200.0,"dependents_count":3.0,"stars":0.0,"commits_90d":0.0,
         "active_contributors_90d":0.0,"total_contributors":0.0}
        """;
}
