using DepHealth.Core.Scoring;
using static DepHealth.Core.Tests.Scoring.ScoringTestInputs;

namespace DepHealth.Core.Tests.Scoring;

// Exact expected doubles were printed by the original functions (_maintainer_health etc. of
// functions/scoring/health_score.py at 1a635c5, run from /tmp with datetime frozen at 2026-01-07T00:00:00Z).
public class ComponentFormulaTests
{
    [Fact]
    public void Empty_input_gives_the_original_defaults_for_every_component()
    {
        var d = Input("{}");
        Assert.Equal(0.21076987512127218, MaintainerHealth.Calculate(d).Value);
        Assert.Equal(0.0, UserCentricHealth.Calculate(d).Value);
        Assert.Equal(0.2502064431251296, EvolutionHealth.Calculate(d, NowTicks).Value);
        Assert.Equal(0.3062458808225816, CommunityHealth.Calculate(d).Value);
        Assert.Equal(0.4474174418021865, SecurityHealth.Calculate(d).Value);
        Assert.Equal(0.00041288625025916333, MaturityFactor.Calculate(d));
    }

    [Fact]
    public void Recency_halves_at_90_days()
    {
        var d = Input("""{"days_since_last_commit":90}""");
        var parts = MaintainerHealth.Calculate(d).Parts;
        Assert.Equal("commit_recency", parts[0].Name);
        Assert.Equal(0.5, parts[0].Value, 3);
        Assert.Equal(0.4307192242588824, MaintainerHealth.Calculate(d).Value);
    }

    [Fact]
    public void Negative_days_count_as_zero_and_recency_is_one()
    {
        Assert.Equal(1.0, MaintainerHealth.Calculate(Input("""{"days_since_last_commit":-10}""")).Parts[0].Value);
    }

    [Fact]
    public void Bus_factor_uses_true_bus_factor_when_positive_else_active_contributors_without_clamp()
    {
        Assert.Equal(0.5, MaintainerHealth.Calculate(Input("""{"true_bus_factor":2,"active_contributors_90d":9}""")).Parts[1].Value);
        Assert.Equal(1 / (1 + Math.Exp(-(9.0 - 2))), MaintainerHealth.Calculate(Input("""{"true_bus_factor":0,"active_contributors_90d":9}""")).Parts[1].Value);
        // 0 contributors is not clamped in health: sig(-2) = 0.119
        Assert.Equal(0.11920292202211755, MaintainerHealth.Calculate(Input("""{"active_contributors_90d":0}""")).Parts[1].Value);
    }

    [Theory]
    [InlineData("""{"prs_merged_90d":8,"prs_opened_90d":10}""", 0.8175744761936437)]
    [InlineData("""{"prs_merged_90d":5,"prs_opened_90d":10}""", 0.5)]
    [InlineData("""{"prs_merged_90d":2,"prs_opened_90d":10}""", 0.18242552380635635)]
    [InlineData("""{"prs_merged_90d":2,"prs_opened_90d":0}""", 0.5)]
    [InlineData("""{}""", 0.5)]
    [InlineData("""{"prs_merged_90d":"2.5","prs_opened_90d":10}""", 0.5)] // int("2.5") fails: neutral
    [InlineData("""{"prs_merged_90d":8.9,"prs_opened_90d":10.2}""", 0.8175744761936437)] // int() truncates
    [InlineData("""{"prs_merged_90d":"8","prs_opened_90d":" 10 "}""", 0.8175744761936437)]
    public void Pr_velocity(string json, double expected) => Assert.Equal(expected, MaintainerHealth.PrVelocity(Input(json)));

    [Fact]
    public void User_centric_is_log_scaled_and_ignores_negatives()
    {
        Assert.Equal(0.0, UserCentricHealth.Calculate(Input("""{"weekly_downloads":0,"dependents_count":0,"stars":0}""")).Value);
        Assert.Equal(0.0, UserCentricHealth.Calculate(Input("""{"weekly_downloads":-5,"dependents_count":-1,"stars":-3}""")).Value);
        Assert.Equal(1.0, UserCentricHealth.Calculate(Input("""{"weekly_downloads":1e18,"dependents_count":1e12,"stars":1e12}""")).Value);
        Assert.Equal(0.21430122092658785, UserCentricHealth.Calculate(Input("""{"weekly_downloads":999.5}""")).Value);
    }

    [Fact]
    public void Release_recency_halves_at_180_days_and_future_dates_count_as_today()
    {
        var at180 = EvolutionHealth.Calculate(Input("""{"last_published":"2025-07-11T00:00:00Z"}"""), NowTicks);
        Assert.Equal(0.5, at180.Parts[0].Value, 3);
        Assert.Equal(0.2502432409730134, at180.Value);
        var future = EvolutionHealth.Calculate(Input("""{"last_published":"2027-01-01T00:00:00Z"}"""), NowTicks);
        Assert.Equal(1.0, future.Parts[0].Value);
        var invalid = EvolutionHealth.Calculate(Input("""{"last_published":"yesterday"}"""), NowTicks);
        Assert.Equal(0.5, invalid.Parts[0].Value);
    }

    [Fact]
    public void Commit_count_prefers_non_bot_and_an_explicit_null_non_bot_is_zero()
    {
        Assert.Equal(0.6886357923041979, EvolutionHealth.Calculate(Input("""{"commits_90d":30}"""), NowTicks).Value);
        Assert.Equal(0.4788680148187187, EvolutionHealth.Calculate(Input("""{"commits_90d":30,"commits_90d_non_bot":5}"""), NowTicks).Value);
        // Quirk kept: explicit null does not fall back to commits_90d.
        Assert.Equal(0.2500002717531602, EvolutionHealth.Calculate(Input("""{"commits_90d":30,"commits_90d_non_bot":null}"""), NowTicks).Value);
        Assert.Equal(0, EvolutionHealth.CommitCount(Input("""{"commits_90d":30,"commits_90d_non_bot":null}""")));
        Assert.Equal(30, EvolutionHealth.CommitCount(Input("""{"commits_90d":30,"commits_90d_non_bot":"many"}""")));
    }

    [Fact]
    public void Maturity_rewards_high_adoption_with_low_activity_only()
    {
        double lodash = MaturityFactor.Calculate(Input(Lodash));
        Assert.InRange(lodash, 0.5, 0.7);
        Assert.True(MaturityFactor.Calculate(Input("""{"weekly_downloads":100}""")) < 0.1);
        Assert.True(MaturityFactor.Calculate(Input("""{"weekly_downloads":80000000,"commits_90d":100}""")) < 0.2);
        // Huge commit counts are clamped inside exp instead of overflowing.
        Assert.Equal(6.901773580371288e-305, MaturityFactor.Calculate(Input("""{"weekly_downloads":1e18,"dependents_count":1e12,"commits_90d":1e12}""")));
    }

    [Theory]
    [InlineData("""{"avg_issue_response_hours":12}""", 1.0)]
    [InlineData("""{"avg_issue_response_hours":24}""", 1.0)]
    [InlineData("""{"avg_issue_response_hours":48}""", 0.85)]
    [InlineData("""{"avg_issue_response_hours":72}""", 0.7)]
    [InlineData("""{"avg_issue_response_hours":100}""", 0.5290486190190078)]
    [InlineData("""{"avg_issue_response_hours":-3}""", 1.0)]
    [InlineData("""{"avg_issue_response_hours":null}""", 0.5)]
    [InlineData("""{"avg_issue_response_hours":"NaN"}""", 0.5)]
    [InlineData("""{"avg_issue_response_hours":"inf"}""", 0.5)]
    [InlineData("""{"avg_issue_response_hours":"slow"}""", 0.5)]
    [InlineData("""{"avg_issue_response_hours":"48"}""", 0.85)]
    public void Issue_response(string json, double expected) => Assert.Equal(expected, CommunityHealth.IssueResponse(Input(json)));

    [Fact]
    public void Contributors_of_zero_missing_or_negative_count_as_one()
    {
        double one = CommunityHealth.Calculate(Input("""{"total_contributors":1}""")).Value;
        Assert.Equal(0.3062458808225816, one);
        Assert.Equal(one, CommunityHealth.Calculate(Input("""{"total_contributors":0}""")).Value);
        Assert.Equal(one, CommunityHealth.Calculate(Input("""{"total_contributors":null}""")).Value);
        Assert.Equal(one, CommunityHealth.Calculate(Input("""{"total_contributors":-7}""")).Value);
        Assert.Equal(0.8, CommunityHealth.Calculate(Input("""{"total_contributors":350}""")).Value, 12);
    }

    [Fact]
    public void Security_parses_string_scores_counts_severities_and_needs_a_policy_score_of_five()
    {
        Assert.Equal(0.45449075073859924, SecurityHealth.Calculate(Input("""
            {"openssf_score":"7.5","advisories":[{"severity":"CRITICAL"},{"severity":"HIGH"},{"severity":"MEDIUM"},{"severity":"LOW"},"junk"]}
            """)).Value);
        Assert.Equal(0.3, SecurityHealth.Calculate(Input("""{"openssf_score":"NaN"}""")).Parts[0].Value);
        Assert.Equal(0.3, SecurityHealth.Calculate(Input("""{"openssf_score":"abc"}""")).Parts[0].Value);
        Assert.Equal(1.0, SecurityHealth.Calculate(Input("""{"openssf_score":11}""")).Parts[0].Value);
        Assert.Equal(0.0, SecurityHealth.Calculate(Input("""{"openssf_score":-1}""")).Parts[0].Value);
        Assert.Equal(0.791391472673955, SecurityHealth.Calculate(Input("""{"advisories":null}""")).Parts[1].Value);
        Assert.Equal(1.0, SecurityHealth.Calculate(Input("""{"openssf_checks":[{"name":"Security-Policy","score":5}]}""")).Parts[2].Value);
        Assert.Equal(0.3, SecurityHealth.Calculate(Input("""{"openssf_checks":[{"name":"Security-Policy","score":4}]}""")).Parts[2].Value);
        Assert.Equal(0.3, SecurityHealth.Calculate(Input("""{"openssf_checks":[{"name":"Maintained","score":10}]}""")).Parts[2].Value);
    }

    [Fact]
    public void Only_the_first_1000_advisories_count()
    {
        var d = Input("{\"advisories\":[" + string.Join(",", Enumerable.Repeat("""{"severity":"MEDIUM"}""", 1000)) + """,{"severity":"CRITICAL"}]}""");
        Assert.Equal(1000, d.MediumAdvisories);
        Assert.Equal(0, d.CriticalAdvisories);
    }
}
