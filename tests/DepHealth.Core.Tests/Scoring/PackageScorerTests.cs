using System.Text.Json;
using DepHealth.Core.Json;
using DepHealth.Core.Packages;
using DepHealth.Core.Scoring;
using Microsoft.Extensions.Time.Testing;
using static DepHealth.Core.Tests.Scoring.ScoringTestInputs;

namespace DepHealth.Core.Tests.Scoring;

public class PackageScorerTests
{
    [Fact]
    public void The_injected_clock_moves_the_date_based_terms()
    {
        var time = new FakeTimeProvider(Now);
        var scorer = new PackageScorer(time);
        var input = Input("""{"last_published":"2025-07-11T00:00:00Z","created_at":"2025-10-10T00:00:00Z"}""");

        var before = scorer.ScoreNow(input);
        Assert.Equal(ConfidenceCalculator.InsufficientData, before.Confidence.Level); // 89 days old
        Assert.Equal(38.9, before.AbandonmentRisk.Components.ReleaseRisk);           // 180 days since release

        time.Advance(TimeSpan.FromDays(1));
        var after = scorer.ScoreNow(input);
        Assert.Equal("LOW", after.Confidence.Level);                                 // 90 days: no longer insufficient
        Assert.Equal(39.1, after.AbandonmentRisk.Components.ReleaseRisk);
        Assert.Equal(before.HealthScore, after.HealthScore);
        Assert.Equal([5.0, 35.0], after.ConfidenceInterval);
        Assert.Equal([10.0, 30.0], before.ConfidenceInterval);                       // INSUFFICIENT_DATA margin is 10
    }

    [Fact]
    public void ScoreInto_writes_every_stored_score_attribute()
    {
        var time = new FakeTimeProvider(Now);
        var record = new PackageRecord { Ecosystem = "npm", Name = "left-pad", WeeklyDownloads = 1200, DependentsCount = 3, Stars = 0,
            Commits90d = 0, ActiveContributors90d = 0, TotalContributors = 0 };
        var score = new PackageScorer(time).ScoreInto(record);

        Assert.Equal(26.9, record.HealthScore);
        Assert.Equal("CRITICAL", record.RiskLevel);
        Assert.Equal(16.6, record.ScoreComponents!.MaintainerHealth);
        Assert.Equal("LOW", record.Confidence!.Level);
        Assert.Equal([11.899999999999999, 41.9], record.ConfidenceInterval!);
        Assert.Equal(63.5, record.AbandonmentRisk!.Probability);
        Assert.Equal(Now, record.ScoredAt);
        Assert.Same(score.Components, record.ScoreComponents);
    }

    [Fact]
    public void Serialises_with_the_source_generated_context_whole_numbers_as_integers()
    {
        var score = PackageScorer.Score(Input("{}"), Now);
        string json = JsonSerializer.Serialize(score, DepHealthJsonContext.Default.PackageScore);
        Assert.StartsWith("""{"health_score":20,"risk_level":"CRITICAL","components":{"maintainer_health":21.1,"user_centric":0,""", json);
        Assert.Contains("\"confidence_interval\":[5,35]", json);
        Assert.Contains("\"data_quality\":{\"status\":\"minimal\",\"assessment\":\"UNVERIFIED\",\"missing_sources\":[],\"has_repository\":false,", json);
        var typical = JsonSerializer.Serialize(PackageScorer.Score(Input(TypicalRow), Now), DepHealthJsonContext.Default.PackageScore);
        Assert.Contains("\"confidence_interval\":[11.899999999999999,41.9]", typical);
    }

    [Fact]
    public void Now_is_truncated_to_microseconds_like_python()
    {
        var input = Input("""{"last_updated":"2026-01-05T00:00:00Z"}""");
        // 48 h plus 900 ns is still 48 h at Python's microsecond resolution: fresh.
        var almost = PackageScorer.Score(input, Now.AddTicks(9));
        Assert.Equal(35.0, almost.Confidence.Score);
        var over = PackageScorer.Score(input, Now.AddTicks(10));
        Assert.Equal(33.0, over.Confidence.Score);
    }
}
