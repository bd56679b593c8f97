using DepHealth.Core.Packages;

namespace DepHealth.Storage.Tests;

/// <summary>Package records for storage tests.</summary>
internal static class PackageFixtures
{
    public static readonly DateTimeOffset Collected = new(2026, 11, 20, 8, 30, 15, TimeSpan.Zero);

    /// <summary>A record with every attribute set, including awkward numbers.</summary>
    public static PackageRecord Full(string name = "left-pad") => new()
    {
        Ecosystem = "npm",
        Name = name,
        Tier = 2,
        LastUpdated = Collected.AddSeconds(3),
        LatestVersion = "1.3.0",
        CreatedAt = new DateTimeOffset(2014, 3, 14, 1, 2, 3, 456, TimeSpan.Zero),
        LastPublished = new DateTimeOffset(2018, 4, 9, 0, 0, 0, TimeSpan.Zero).AddTicks(1),
        WeeklyDownloads = 2_345_678_901,
        DependentsCount = 12_345,
        Stars = 1_111,
        Forks = 222,
        OpenIssues = 0,
        MaintainerCount = 2,
        Maintainers = ["stevemao", "azer"],
        DaysSinceLastCommit = 1_900,
        Commits90d = 0,
        Commits90dNonBot = 0,
        ActiveContributors90d = 0,
        TotalContributors = 37,
        TrueBusFactor = 1,
        BusFactorConfidence = "LOW",
        ContributionDistribution = [new Contribution("azer", 120), new Contribution("stevemao", 7)],
        AvgIssueResponseHours = 11.899999999999999,
        PrsOpened90d = 3,
        PrsMerged90d = 1,
        Advisories = [new Advisory { Id = "GHSA-xxxx-yyyy-zzzz", Severity = "HIGH", Title = "Prototype pollution", Url = "https://github.com/advisories/GHSA-xxxx-yyyy-zzzz" }],
        OpenSsfScore = 3.7,
        OpenSsfChecks = [new OpenSsfCheck { Name = "Maintained", Score = 0, Reason = "0 commit(s) in 90 days", Documentation = "https://example.org/checks#maintained" }],
        IsDeprecated = true,
        DeprecationMessage = "use String.prototype.padStart()",
        Archived = false,
        HasTypes = false,
        ModuleType = "commonjs",
        HasExports = false,
        Engines = new Dictionary<string, string> { ["node"] = ">=0.10" },
        BundleSize = 1_234,
        BundleSizeGzip = 567,
        BundleSizeCategory = "tiny",
        BundleDependencyCount = 0,
        DependenciesDirect = 0,
        RequiresPython = ">=3.8",
        DevelopmentStatus = "5 - Production/Stable",
        PythonVersions = ["3.8", "3.12"],
        RepositoryUrl = "https://github.com/left-pad/left-pad",
        Licenses = ["WTFPL"],
        Sources = ["deps.dev", "npm", "bundlephobia", "github"],
        DataFreshness = "stale",
        StaleReason = "github: timeout",
        StaleSources = ["github"],
        CollectedAt = Collected,
        GitHubEtags = new Dictionary<string, string> { ["repo"] = "W/\"abc\"", ["commits"] = "\"def\"" },
        DataStatus = "partial",
        MissingSources = ["github"],
        RetryCount = 1,
        NextRetryAt = Collected.AddHours(2),
        RetryDispatchedAt = Collected.AddHours(1),
        HealthScore = 41.3,
        RiskLevel = "HIGH",
        ScoreComponents = new ScoreComponents { MaintainerHealth = 12.5, UserCentric = 88, EvolutionHealth = 0.1, CommunityHealth = 33.3, SecurityHealth = 100 },
        Confidence = new Confidence { Score = 72.5, Level = "MEDIUM", DataQuality = "partial", IntervalMargin = 8.25, Reason = "github missing" },
        ConfidenceInterval = [33.05, 49.55],
        AbandonmentRisk = new AbandonmentRisk
        {
            Probability = 0.1234567890123,
            TimeHorizonMonths = 12,
            RiskFactors = ["No commits in 90 days", "Single maintainer"],
            Components = new AbandonmentComponents { InactivityRisk = 95.5, BusFactorRisk = 80, AdoptionRisk = 1e-7, ReleaseRisk = 60.4 },
        },
        ScoredAt = Collected.AddSeconds(10),
        Source = "user_request",
        RequestedByIp = "203.0.113.9",
    };

    public static PackageRecord Minimal(string ecosystem, string name, DateTimeOffset? collectedAt = null, double? score = null) => new()
    {
        Ecosystem = ecosystem,
        Name = name,
        Tier = 3,
        LastUpdated = collectedAt ?? Collected,
        CollectedAt = collectedAt ?? Collected,
        HealthScore = score ?? 50,
        RiskLevel = "MEDIUM",
        DataStatus = "complete",
    };
}
