using System.Text.Json;
using DepHealth.Core.Packages;
using DepHealth.Core.Scoring;
using static DepHealth.Core.Tests.Scoring.ScoringTestInputs;

namespace DepHealth.Core.Tests.Scoring;

public class ScoringInputTests
{
    [Fact]
    public void Numbers_strings_and_booleans_read_like_python_float()
    {
        var d = Input("""{"openssf_score":" 7.5 ","stars":"1_000","weekly_downloads":true,"dependents_count":false,"days_since_last_commit":"1e2"}""");
        Assert.Equal(7.5, d.OpenSsfScore.Number);
        Assert.Equal(1000, d.Stars.Number);
        Assert.Equal(1, d.WeeklyDownloads.Number);
        Assert.Equal((ScoringValueKind.Number, 0.0, false), (d.DependentsCount.Kind, d.DependentsCount.Number, d.DependentsCount.CountsAsPresent));
        Assert.Equal(100, d.DaysSinceLastCommit.Number);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"-inf\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"seven\"")]
    [InlineData("\"1__0\"")]
    [InlineData("[7]")]
    [InlineData("{\"v\":7}")]
    [InlineData("1e400")]
    public void Unusable_values_are_invalid_and_fall_to_defaults(string raw)
    {
        var d = Input($$"""{"openssf_score":{{raw}},"days_since_last_commit":{{raw}}}""");
        Assert.Equal(ScoringValueKind.Invalid, d.OpenSsfScore.Kind);
        Assert.Equal(0.3, SecurityHealth.Calculate(d).Parts[0].Value);
        Assert.Equal(365, d.DaysSinceLastCommit.Or(365));
    }

    [Fact]
    public void Null_and_absent_are_distinguished_for_the_non_bot_commit_quirk()
    {
        Assert.Equal(ScoringValueKind.Null, Input("""{"commits_90d_non_bot":null}""").Commits90dNonBot.Kind);
        Assert.Equal(ScoringValueKind.Absent, Input("{}").Commits90dNonBot.Kind);
    }

    [Fact]
    public void The_last_duplicate_key_wins_as_in_python_json()
    {
        Assert.Equal(9, Input("""{"stars":1,"stars":9}""").Stars.Number);
    }

    [Fact]
    public void Dates_parse_naive_as_utc_and_keep_defaults_when_invalid()
    {
        var d = Input("""{"last_published":"2025-07-11T00:00:00","created_at":"2025-13-01","last_updated":12}""");
        Assert.Equal(ScoringDateKind.Valid, d.LastPublished.Kind);
        Assert.Equal(new DateTimeOffset(2025, 7, 11, 0, 0, 0, TimeSpan.Zero).UtcTicks, d.LastPublished.UtcTicks);
        Assert.Equal(ScoringDateKind.Invalid, d.CreatedAt.Kind);
        Assert.Equal(ScoringDateKind.Invalid, d.LastUpdated.Kind);
    }

    [Fact]
    public void Truthiness_of_flags_and_repository()
    {
        var d = Input("""{"archived":"yes","is_deprecated":0,"repository_url":"https://github.com/a/b"}""");
        Assert.True(d.Archived);
        Assert.False(d.IsDeprecated);
        Assert.True(d.HasRepository);
        Assert.False(Input("""{"archived":"","repository_url":null}""").Archived);
    }

    [Fact]
    public void A_non_object_is_rejected()
    {
        using var doc = JsonDocument.Parse("[1,2]");
        Assert.Throws<ArgumentException>(() => ScoringInput.FromJson(doc.RootElement));
    }

    [Fact]
    public void A_record_scores_like_the_same_signals_as_json()
    {
        var record = new PackageRecord
        {
            Ecosystem = "npm", Name = "lodash",
            DaysSinceLastCommit = 45, ActiveContributors90d = 2, TrueBusFactor = 2, WeeklyDownloads = 80_000_000,
            DependentsCount = 150_000, Stars = 58_000, Commits90d = 3, TotalContributors = 350, OpenSsfScore = 6.5,
            Advisories = [], OpenSsfChecks = [new OpenSsfCheck { Name = "Security-Policy", Score = 10 }],
        };
        var fromRecord = PackageScorer.Score(ScoringInput.FromRecord(record), Now);
        var fromJson = PackageScorer.Score(Input(Lodash), Now);
        Assert.Equal(75.5, fromRecord.HealthScore);
        Assert.Equal(
            JsonSerializer.Serialize(fromJson, DepHealth.Core.Json.DepHealthJsonContext.Default.PackageScore),
            JsonSerializer.Serialize(fromRecord, DepHealth.Core.Json.DepHealthJsonContext.Default.PackageScore));
    }

    [Fact]
    public void A_record_counts_advisories_and_maps_flags_and_quality()
    {
        var d = ScoringInput.FromRecord(new PackageRecord
        {
            Advisories = [new Advisory { Severity = "CRITICAL" }, new Advisory { Severity = "HIGH" }, new Advisory { Severity = "MODERATE" }],
            Archived = true, IsDeprecated = false, DataStatus = "partial", MissingSources = ["github"],
            RepositoryUrl = "https://github.com/a/b", LastPublished = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)),
        });
        Assert.Equal((1, 1, 0), (d.CriticalAdvisories, d.HighAdvisories, d.MediumAdvisories));
        Assert.True(d.Archived);
        Assert.False(d.IsDeprecated);
        Assert.Equal(("partial", true), (d.DataStatus, d.HasRepository));
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 22, 0, 0, TimeSpan.Zero).UtcTicks, d.LastPublished.UtcTicks);
        Assert.Equal(ScoringValueKind.Absent, d.Commits90dNonBot.Kind);
    }
}
