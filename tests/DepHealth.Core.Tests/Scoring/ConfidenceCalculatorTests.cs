using DepHealth.Core.Scoring;
using static DepHealth.Core.Tests.Scoring.ScoringTestInputs;

namespace DepHealth.Core.Tests.Scoring;

// Expected scores printed by the original _calculate_confidence (datetime frozen at 2026-01-07T00:00:00Z).
public class ConfidenceCalculatorTests
{
    [Theory]
    [InlineData("2025-10-10T00:00:00Z", 89)]
    [InlineData("2025-10-09T00:00:01Z", 89)]
    [InlineData("2026-02-01T00:00:00Z", -25)]
    public void Younger_than_90_days_is_insufficient_data(string createdAt, int age)
    {
        var c = ConfidenceCalculator.Calculate(Input($$"""{"created_at":"{{createdAt}}"}"""), NowTicks);
        Assert.Equal(ConfidenceCalculator.InsufficientData, c.Level);
        Assert.Equal(20.0, c.Score);
        Assert.Equal($"Package is only {age} days old. Scores may be unreliable.", c.Reason);
        Assert.Null(c.DataQuality);
        Assert.Null(c.IntervalMargin);
    }

    [Theory]
    [InlineData("2025-10-09T00:00:00Z", 35.0, "LOW")]   // exactly 90 days: not insufficient, age 0.5
    [InlineData("2025-07-11T00:00:00Z", 41.0, "LOW")]   // 180 days: 0.7
    [InlineData("2025-01-08T00:00:00Z", 41.0, "LOW")]   // 364 days: 0.7
    [InlineData("2025-01-07T00:00:00Z", 50.0, "MEDIUM")] // 365 days: 1.0
    [InlineData("garbage", 35.0, "LOW")]                 // unparseable: 0.5
    public void Age_steps(string createdAt, double score, string level)
    {
        var c = ConfidenceCalculator.Calculate(Input($$"""{"created_at":"{{createdAt}}"}"""), NowTicks);
        Assert.Equal(score, c.Score);
        Assert.Equal(level, c.Level);
    }

    [Theory]
    [InlineData("2026-01-05T00:00:00Z", 35.0)] // exactly 48 h: fresh
    [InlineData("2026-01-04T23:59:59", 33.0)]  // 48 h + 1 s, naive = UTC: 0.9
    [InlineData("2025-12-31T00:00:00Z", 33.0)] // exactly 168 h: still 0.9
    [InlineData("2025-12-30T23:59:59Z", 29.0)] // over a week: 0.7
    public void Freshness_steps(string lastUpdated, double score) =>
        Assert.Equal(score, ConfidenceCalculator.Calculate(Input($$"""{"last_updated":"{{lastUpdated}}"}"""), NowTicks).Score);

    [Fact]
    public void Completeness_counts_values_that_are_neither_null_nor_zero()
    {
        var none = ConfidenceCalculator.Calculate(Input("""{"days_since_last_commit":0,"weekly_downloads":null,"prs_opened_90d":false}"""), NowTicks);
        Assert.Equal(35.0, none.Score);
        // A fraction that int() truncates to 0 still counts (0.32 != 0), and so does an empty date string.
        var two = ConfidenceCalculator.Calculate(Input("""{"prs_opened_90d":0.32,"last_published":""}"""), NowTicks);
        Assert.Equal(49.3, two.Score);
        var medium = ConfidenceCalculator.Calculate(Input("""{"days_since_last_commit":3,"weekly_downloads":5,"active_contributors_90d":1,"last_published":"2025-01-01"}"""), NowTicks);
        Assert.Equal("medium", medium.DataQuality);
        Assert.Equal(10, medium.IntervalMargin);
    }
}
