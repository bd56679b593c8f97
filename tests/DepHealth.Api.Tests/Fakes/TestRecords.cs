using DepHealth.Core.Packages;

namespace DepHealth.Api.Tests.Fakes;

/// <summary>Scored records for handler tests.</summary>
public static class TestRecords
{
    public static PackageRecord Make(string ecosystem, string name, double? score, string? risk,
        string? dataStatus = "complete", string? repo = "https://github.com/example/repo")
    {
        return new PackageRecord
        {
            Ecosystem = ecosystem,
            Name = name,
            HealthScore = score,
            RiskLevel = risk,
            DataStatus = dataStatus,
            RepositoryUrl = repo,
            LatestVersion = "1.2.3",
            LastPublished = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
            LastUpdated = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero),
            WeeklyDownloads = 1_000_000,
            DependentsCount = 5000,
            Stars = 12000,
            DaysSinceLastCommit = 12,
            Commits90d = 40,
            ActiveContributors90d = 6,
            MaintainerCount = 3,
            IsDeprecated = false,
            Archived = false,
            OpenSsfScore = 6.5,
            TrueBusFactor = 3,
            BusFactorConfidence = "HIGH",
            OpenSsfChecks =
            [
                new OpenSsfCheck { Name = "Code-Review", Score = 9, Reason = "all reviewed" },
                new OpenSsfCheck { Name = "Signed-Releases", Score = 6, Reason = "some" },
                new OpenSsfCheck { Name = "Vulnerabilities", Score = null, Reason = null },
                new OpenSsfCheck { Name = "Fuzzing", Score = 0, Reason = "none" },
            ],
            Advisories = [new Advisory { Id = "GHSA-xxxx", Severity = "HIGH", Title = "Prototype pollution" }],
            ScoreComponents = new ScoreComponents
            {
                MaintainerHealth = 80, UserCentric = 90, EvolutionHealth = 70.5, CommunityHealth = 60, SecurityHealth = 75,
            },
            Confidence = new Confidence { Score = 85, Level = "HIGH", DataQuality = "complete", IntervalMargin = 5 },
            AbandonmentRisk = new AbandonmentRisk
            {
                Probability = 12.5, TimeHorizonMonths = 12, RiskFactors = ["Low bus factor"],
                Components = new AbandonmentComponents { InactivityRisk = 10, BusFactorRisk = 30, AdoptionRisk = 5, ReleaseRisk = 8 },
            },
            Sources = ["sample"],
        };
    }
}
