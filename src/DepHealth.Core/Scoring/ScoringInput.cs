using System.Text.Json;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Scoring;

/// <summary>
/// Every signal the scorer reads (reference §5, attribute names of §3.1), already reduced to what the
/// formulas need. Build it from a stored <see cref="PackageRecord"/> or, leniently, from any JSON object.
/// </summary>
public sealed class ScoringInput
{
    // Maintainer
    public ScoringValue DaysSinceLastCommit { get; init; }
    public ScoringValue ActiveContributors90d { get; init; }
    public ScoringValue TrueBusFactor { get; init; }
    /// <summary>Parsed with Python <c>int()</c> semantics (12.9 → 12; "12.5" is invalid and makes PR velocity neutral).</summary>
    public ScoringValue PrsMerged90d { get; init; }
    /// <summary>Parsed with Python <c>int()</c> semantics, as <see cref="PrsMerged90d"/>.</summary>
    public ScoringValue PrsOpened90d { get; init; }

    // Adoption
    public ScoringValue WeeklyDownloads { get; init; }
    public ScoringValue DependentsCount { get; init; }
    public ScoringValue Stars { get; init; }

    // Evolution
    public ScoringValue Commits90d { get; init; }
    /// <summary>An explicit null here means 0 commits, not "use commits_90d" (the original's quirk, kept).</summary>
    public ScoringValue Commits90dNonBot { get; init; }
    public ScoringDate LastPublished { get; init; }

    // Community
    public ScoringValue TotalContributors { get; init; }
    public ScoringValue AvgIssueResponseHours { get; init; }

    // Security
    public ScoringValue OpenSsfScore { get; init; }
    /// <summary>CRITICAL advisories among the first 1000.</summary>
    public int CriticalAdvisories { get; init; }
    /// <summary>HIGH advisories among the first 1000.</summary>
    public int HighAdvisories { get; init; }
    /// <summary>MEDIUM advisories among the first 1000 (MODERATE and LOW count nothing).</summary>
    public int MediumAdvisories { get; init; }
    /// <summary>A "Security-Policy" check with score ≥ 5 among the first 100 OpenSSF checks.</summary>
    public bool HasSecurityPolicy { get; init; }

    // Confidence
    public ScoringDate CreatedAt { get; init; }
    public ScoringDate LastUpdated { get; init; }

    // Abandonment flags
    public bool Archived { get; init; }
    public bool IsDeprecated { get; init; }
    /// <summary>The deprecation text as given (sanitised when it is turned into a risk factor).</summary>
    public string? DeprecationMessage { get; init; }

    // Data quality
    /// <summary>The collector's data_status; "minimal" when there is none.</summary>
    public string DataStatus { get; init; } = "minimal";
    public IReadOnlyList<string> MissingSources { get; init; } = [];
    public bool HasRepository { get; init; }

    internal const int MaxAdvisories = 1000;
    internal const int MaxOpenSsfChecks = 100;

    /// <summary>The signals of a stored record (nulls are absent, as the store drops them).</summary>
    public static ScoringInput FromRecord(PackageRecord r)
    {
        int critical = 0, high = 0, medium = 0;
        foreach (var a in (r.Advisories ?? []).Take(MaxAdvisories))
        {
            switch (a?.Severity)
            {
                case "CRITICAL": critical++; break;
                case "HIGH": high++; break;
                case "MEDIUM": medium++; break;
            }
        }
        return new ScoringInput
        {
            DaysSinceLastCommit = ScoringValue.Of(r.DaysSinceLastCommit),
            ActiveContributors90d = ScoringValue.Of(r.ActiveContributors90d),
            TrueBusFactor = ScoringValue.Of(r.TrueBusFactor),
            PrsMerged90d = ScoringValue.Of(r.PrsMerged90d),
            PrsOpened90d = ScoringValue.Of(r.PrsOpened90d),
            WeeklyDownloads = ScoringValue.Of(r.WeeklyDownloads),
            DependentsCount = ScoringValue.Of(r.DependentsCount),
            Stars = ScoringValue.Of(r.Stars),
            Commits90d = ScoringValue.Of(r.Commits90d),
            Commits90dNonBot = ScoringValue.Of(r.Commits90dNonBot),
            LastPublished = ScoringDate.Of(r.LastPublished),
            TotalContributors = ScoringValue.Of(r.TotalContributors),
            AvgIssueResponseHours = ScoringValue.Of(r.AvgIssueResponseHours),
            OpenSsfScore = ScoringValue.Of(r.OpenSsfScore),
            CriticalAdvisories = critical,
            HighAdvisories = high,
            MediumAdvisories = medium,
            HasSecurityPolicy = (r.OpenSsfChecks ?? []).Take(MaxOpenSsfChecks)
                .Any(c => c is { Name: "Security-Policy", Score: >= 5 }),
            CreatedAt = ScoringDate.Of(r.CreatedAt),
            LastUpdated = ScoringDate.Of(r.LastUpdated),
            Archived = r.Archived == true,
            IsDeprecated = r.IsDeprecated == true,
            DeprecationMessage = r.DeprecationMessage,
            DataStatus = r.DataStatus ?? "minimal",
            MissingSources = r.MissingSources ?? [],
            HasRepository = !string.IsNullOrEmpty(r.RepositoryUrl),
        };
    }

    /// <summary>
    /// The signals of any JSON object, leniently (see docs/scoring.md): numbers, numeric strings and booleans
    /// are numbers; NaN, infinities and anything else are unusable and fall to the documented defaults.
    /// </summary>
    /// <exception cref="ArgumentException">The element is not a JSON object.</exception>
    public static ScoringInput FromJson(JsonElement obj) => ScoringInputJsonReader.Read(obj);
}
