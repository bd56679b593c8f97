using DepHealth.Core.Scoring;
using static DepHealth.Core.Tests.Scoring.ScoringTestInputs;

namespace DepHealth.Core.Tests.Scoring;

// Worked values of reference §5.3, and others printed by the original calculate_health_score at
// 1a635c5 (run from /tmp with datetime frozen at 2026-01-07T00:00:00Z).
public class HealthScoreCalculatorTests
{
    [Fact]
    public void Weights_sum_to_one()
    {
        Assert.Equal(1.0, HealthScoreCalculator.MaintainerWeight + HealthScoreCalculator.UserCentricWeight
            + HealthScoreCalculator.EvolutionWeight + HealthScoreCalculator.CommunityWeight + HealthScoreCalculator.SecurityWeight, 12);
    }

    [Fact]
    public void Empty_input_matches_the_worked_value()
    {
        var h = HealthScoreCalculator.Calculate(Input("{}"), NowTicks);
        Assert.Equal(20.0, h.HealthScore);
        Assert.Equal(RiskLevels.Critical, h.RiskLevel);
        Assert.Equal([21.1, 0.0, 25.0, 30.6, 44.7],
            [h.Components.MaintainerHealth, h.Components.UserCentric, h.Components.EvolutionHealth, h.Components.CommunityHealth, h.Components.SecurityHealth]);
        Assert.Equal(35.0, h.Confidence.Score);
        Assert.Equal("LOW", h.Confidence.Level);
        Assert.Equal("low", h.Confidence.DataQuality);
        Assert.Equal(15, h.Confidence.IntervalMargin);
        Assert.Equal([5.0, 35.0], h.ConfidenceInterval);
    }

    [Fact]
    public void Lodash_fixture_matches_the_worked_value()
    {
        var h = HealthScoreCalculator.Calculate(Input(Lodash), NowTicks);
        Assert.Equal(75.5, h.HealthScore);
        Assert.Equal(RiskLevels.Medium, h.RiskLevel);
        Assert.Equal([60.4, 99.1, 56.2, 80.0, 76.2],
            [h.Components.MaintainerHealth, h.Components.UserCentric, h.Components.EvolutionHealth, h.Components.CommunityHealth, h.Components.SecurityHealth]);
        Assert.Equal(56.4, h.Confidence.Score);
        Assert.Equal("MEDIUM", h.Confidence.Level);
        Assert.Equal([60.5, 90.5], h.ConfidenceInterval);
    }

    [Fact]
    public void Typical_row_has_the_unrounded_interval_of_the_original()
    {
        var h = HealthScoreCalculator.Calculate(Input(TypicalRow), NowTicks);
        Assert.Equal(26.9, h.HealthScore);
        Assert.Equal(RiskLevels.Critical, h.RiskLevel);
        Assert.Equal([11.899999999999999, 41.9], h.ConfidenceInterval);
    }

    [Fact]
    public void A_healthy_complete_package_scores_low_risk_with_high_confidence()
    {
        var h = HealthScoreCalculator.Calculate(Input("""
            {"days_since_last_commit":7,"active_contributors_90d":5,"weekly_downloads":1000000,"dependents_count":5000,
             "stars":10000,"commits_90d":25,"last_published":"2026-01-01T00:00:00Z","created_at":"2020-01-01T00:00:00Z",
             "last_updated":"2026-01-07T00:00:00Z","avg_issue_response_hours":12,"prs_merged_90d":9,"prs_opened_90d":10,
             "openssf_score":8.5,"openssf_checks":[{"name":"Security-Policy","score":10}],"total_contributors":120}
            """), NowTicks);
        Assert.Equal(90.4, h.HealthScore);
        Assert.Equal(RiskLevels.Low, h.RiskLevel);
        Assert.Equal([93.6, 86.6, 90.5, 100.0, 86.2],
            [h.Components.MaintainerHealth, h.Components.UserCentric, h.Components.EvolutionHealth, h.Components.CommunityHealth, h.Components.SecurityHealth]);
        Assert.Equal(100.0, h.Confidence.Score);
        Assert.Equal("HIGH", h.Confidence.Level);
        Assert.Equal("high", h.Confidence.DataQuality);
        Assert.Equal([85.4, 95.4], h.ConfidenceInterval);
    }

    [Theory]
    [InlineData(100.0, "LOW")]
    [InlineData(80.0, "LOW")]
    [InlineData(79.9, "MEDIUM")]
    [InlineData(60.0, "MEDIUM")]
    [InlineData(59.9, "HIGH")]
    [InlineData(40.0, "HIGH")]
    [InlineData(39.9, "CRITICAL")]
    [InlineData(0.0, "CRITICAL")]
    public void Risk_level_boundaries_are_inclusive(double score, string expected) => Assert.Equal(expected, RiskLevels.From(score));

    [Fact]
    public void Extreme_inputs_stay_in_range_without_nan()
    {
        var huge = HealthScoreCalculator.Calculate(Input("""
            {"days_since_last_commit":1e15,"weekly_downloads":1e18,"dependents_count":1e12,"stars":1e12,"commits_90d":1e12,
             "active_contributors_90d":1e9,"total_contributors":1e9,"true_bus_factor":1e9}
            """), NowTicks);
        Assert.Equal(69.7, huge.HealthScore);
        Assert.Equal([40.0, 100.0, 75.0, 80.0, 44.7],
            [huge.Components.MaintainerHealth, huge.Components.UserCentric, huge.Components.EvolutionHealth, huge.Components.CommunityHealth, huge.Components.SecurityHealth]);

        var negative = HealthScoreCalculator.Calculate(Input("""
            {"days_since_last_commit":-10,"weekly_downloads":-5,"dependents_count":-1,"stars":-3,"commits_90d":-4,
             "active_contributors_90d":-2,"total_contributors":-7,"avg_issue_response_hours":-3}
            """), NowTicks);
        Assert.Equal(31.9, negative.HealthScore);
        Assert.Equal([21.9, 41.9], negative.ConfidenceInterval);
        Assert.Equal(63.6, negative.Confidence.Score);
    }

    [Fact]
    public void Explanation_lists_each_component_with_weight_score_and_contribution()
    {
        var h = HealthScoreCalculator.Calculate(Input("{}"), NowTicks);
        var e = h.Explanation;
        Assert.Equal(["maintainer_health", "user_centric", "evolution_health", "community_health", "security_health"], e.Components.Select(c => c.Name));
        Assert.Equal([0.25, 0.30, 0.20, 0.10, 0.15], e.Components.Select(c => c.Weight));
        Assert.Equal([21.1, 0.0, 25.0, 30.6, 44.7], e.Components.Select(c => c.Score));
        Assert.Equal([5.27, 0.0, 5.0, 3.06, 6.71], e.Components.Select(c => c.Contribution));
        Assert.Equal(20.04709617579301, e.UnroundedScore, 12);
        Assert.Equal(h.HealthScore, e.Components.Sum(c => c.Contribution), 1);
        Assert.Equal(["commit_recency", "bus_factor", "pr_velocity"], e.Components[0].Parts.Select(p => p.Name));
        Assert.Equal([6.0, 26.9, 50.0], e.Components[0].Parts.Select(p => p.Score));
        Assert.All(e.Components, c => Assert.Equal(1.0, c.Parts.Sum(p => p.Weight), 12));
    }
}
