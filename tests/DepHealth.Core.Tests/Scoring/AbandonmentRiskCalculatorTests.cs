using DepHealth.Core.Scoring;
using static DepHealth.Core.Tests.Scoring.ScoringTestInputs;

namespace DepHealth.Core.Tests.Scoring;

// Expected values printed by the original calculate_abandonment_risk / _calculate_time_adjusted_risk at 1a635c5
// (run from /tmp, datetime frozen at 2026-01-07T00:00:00Z). Whole numbers in factors print as integers here
// ("400 days"), where the production original printed its Decimal-derived floats as "400.0 days".
public class AbandonmentRiskCalculatorTests
{
    [Fact]
    public void Empty_input_matches_the_worked_value()
    {
        var a = AbandonmentRiskCalculator.Calculate(Input("{}"), NowTicks);
        Assert.Equal(67.2, a.Probability);
        Assert.Equal(12, a.TimeHorizonMonths);
        Assert.Equal([86.8, 60.7, 90.0, 63.2],
            [a.Components.InactivityRisk, a.Components.BusFactorRisk, a.Components.AdoptionRisk, a.Components.ReleaseRisk]);
        Assert.Equal(["No commits in 365 days", "Single maintainer (bus factor = 1)", "Low adoption (0 weekly downloads)",
            "Infrequent releases (365 days since last)"], a.RiskFactors);
    }

    [Fact]
    public void Lodash_and_typical_row_match_the_worked_values()
    {
        Assert.Equal(50.2, AbandonmentRiskCalculator.Calculate(Input(Lodash), NowTicks).Probability);
        Assert.Equal(63.5, AbandonmentRiskCalculator.Calculate(Input(TypicalRow), NowTicks).Probability);
    }

    [Theory]
    [InlineData(0.0, 1, 0.013009209134201671)]
    [InlineData(0.0, 12, 0.41977020402532716)]
    [InlineData(0.0, 36, 0.9408942534380438)]
    [InlineData(0.5, 12, 0.5674478930656731)]
    [InlineData(0.5, 36, 0.95)]
    [InlineData(1.0, 6, 0.41977020402532716)]
    [InlineData(1.0, 12, 0.7855332829323056)]
    [InlineData(1.0, 24, 0.95)]
    [InlineData(-3.0, 12, 0.41977020402532716)] // base clamped to 0
    [InlineData(7.0, 12, 0.7855332829323056)]   // base clamped to 1
    public void Weibull_adjustment(double baseRisk, int months, double expected) =>
        Assert.Equal(expected, AbandonmentRiskCalculator.WeibullAdjust(baseRisk, months));

    [Fact]
    public void Weibull_rejects_horizons_below_one_month() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AbandonmentRiskCalculator.WeibullAdjust(0.5, 0));

    [Theory]
    [InlineData(0, 1, 2.6)]
    [InlineData(-5, 1, 2.6)]
    [InlineData(1, 1, 2.6)]
    [InlineData(24, 24, 95.0)]
    public void Months_below_one_count_as_one(int months, int horizon, double probability)
    {
        var a = AbandonmentRiskCalculator.Calculate(Input("{}"), NowTicks, months);
        Assert.Equal(horizon, a.TimeHorizonMonths);
        Assert.Equal(probability, a.Probability);
    }

    [Fact]
    public void Archived_and_deprecated_force_95_with_their_factors_in_order()
    {
        var archived = AbandonmentRiskCalculator.Calculate(Input("""{"archived":true}"""), NowTicks);
        Assert.Equal(95.0, archived.Probability);
        Assert.Equal("Repository is archived", archived.RiskFactors[^1]);

        var deprecated = AbandonmentRiskCalculator.Calculate(Input("""
            {"is_deprecated":true,"deprecation_message":"Use <new-pkg> & \"friends\" instead"}
            """), NowTicks);
        Assert.Equal(95.0, deprecated.Probability);
        Assert.Equal(["Package is deprecated", "Deprecation note: Use new-pkg  friends instead"], deprecated.RiskFactors[^2..]);
    }

    [Theory]
    [InlineData("""{"deprecation_message":"   "}""")]
    [InlineData("""{"deprecation_message":"<>&\"   "}""")]
    [InlineData("""{"deprecation_message":""}""")]
    public void Blank_deprecation_notes_add_no_factor(string json) =>
        Assert.DoesNotContain(AbandonmentRiskCalculator.Calculate(Input(json), NowTicks).RiskFactors, f => f.StartsWith("Deprecation note"));

    [Fact]
    public void Deprecation_note_keeps_200_code_points()
    {
        var a = AbandonmentRiskCalculator.Calculate(Input($$"""{"deprecation_message":"{{new string('x', 300)}}"}"""), NowTicks);
        Assert.Equal("Deprecation note: " + new string('x', 200), a.RiskFactors[^1]);
    }

    [Fact]
    public void Factor_wording_and_number_formatting()
    {
        var a = AbandonmentRiskCalculator.Calculate(Input("""{"days_since_last_commit":400.0,"active_contributors_90d":2.0,"weekly_downloads":500.0}"""), NowTicks);
        Assert.Equal(["No commits in 400 days", "Small maintainer pool (2 active contributors)", "Low adoption (500 weekly downloads)",
            "Infrequent releases (365 days since last)"], a.RiskFactors);
        Assert.Equal(61.3, a.Probability);

        var fractional = AbandonmentRiskCalculator.Calculate(Input("""{"weekly_downloads":999.5,"days_since_last_commit":200.5,"active_contributors_90d":1.5}"""), NowTicks);
        Assert.Equal(["No commits in 200.5 days", "Small maintainer pool (1.5 active contributors)", "Low adoption (999.5 weekly downloads)",
            "Infrequent releases (365 days since last)"], fractional.RiskFactors);
        Assert.Equal(59.2, fractional.Probability);

        var recent = AbandonmentRiskCalculator.Calculate(Input("""{"last_published":"2025-07-10T00:00:00Z","days_since_last_commit":91}"""), NowTicks);
        Assert.Equal(["Low commit activity (91 days since last commit)", "Single maintainer (bus factor = 1)",
            "Low adoption (0 weekly downloads)", "Infrequent releases (181 days since last)"], recent.RiskFactors);
        Assert.Equal(59.0, recent.Probability);

        var old = AbandonmentRiskCalculator.Calculate(Input("""{"last_published":"2024-12-01T00:00:00Z"}"""), NowTicks);
        Assert.Equal("No releases in 402 days", old.RiskFactors[^1]);
        Assert.Equal(66.8, old.Components.ReleaseRisk);
    }

    [Theory]
    [InlineData(10, 75.1)]
    [InlineData(10000, 32.9)]
    [InlineData(1000000, 10.0)]
    [InlineData(1e12, 10.0)]
    public void Adoption_risk_falls_with_downloads_and_floors_at_10(double downloads, double expected) =>
        Assert.Equal(expected, AbandonmentRiskCalculator.Calculate(Input($$"""{"weekly_downloads":{{downloads}}}"""), NowTicks).Components.AdoptionRisk);

    [Fact]
    public void Zero_or_negative_contributors_are_one_maintainer_here()
    {
        var zero = AbandonmentRiskCalculator.Calculate(Input("""{"active_contributors_90d":0}"""), NowTicks);
        var negative = AbandonmentRiskCalculator.Calculate(Input("""{"active_contributors_90d":-2}"""), NowTicks);
        Assert.Equal(60.7, zero.Components.BusFactorRisk);
        Assert.Equal(60.7, negative.Components.BusFactorRisk);
        Assert.Contains("Single maintainer (bus factor = 1)", zero.RiskFactors);
    }
}
