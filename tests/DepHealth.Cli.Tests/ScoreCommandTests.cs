using System.Text.Json;

namespace DepHealth.Cli.Tests;

// Drives the real `dephealth score` process. Expected numbers come from the original Python functions
// (functions/scoring/health_score.py and abandonment_risk.py of Dlaranjo/dephealth at 1a635c5, run from /tmp —
// not part of this repository — with datetime frozen at the same --now), and from reference §5.3.
// Deliberate differences: whole numbers in risk factors print as integers ("400 days", not "400.0 days").
public class ScoreCommandTests
{
    private const string Now = "2026-01-07T00:00:00Z";

    private static async Task<(int Exit, JsonElement[] Lines, string StdErr)> Score(string stdin, params string[] extra)
    {
        var r = await CliRunner.RunAsync(stdin, ["score", .. extra]);
        var lines = r.Lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        return (r.ExitCode, lines, r.StdErr);
    }

    private static async Task<JsonElement> ScoreOne(string json, string now = Now, params string[] extra)
    {
        var (exit, lines, err) = await Score(json + "\n", ["--now", now, .. extra]);
        Assert.True(exit == 0, err);
        return Assert.Single(lines);
    }

    private static double[] Components(JsonElement s)
    {
        var c = s.GetProperty("components");
        return [.. new[] { "maintainer_health", "user_centric", "evolution_health", "community_health", "security_health" }
            .Select(n => c.GetProperty(n).GetDouble())];
    }

    private static double[] RiskComponents(JsonElement s)
    {
        var c = s.GetProperty("abandonment_risk").GetProperty("components");
        return [.. new[] { "inactivity_risk", "bus_factor_risk", "adoption_risk", "release_risk" }.Select(n => c.GetProperty(n).GetDouble())];
    }

    private static double[] Interval(JsonElement s) => [.. s.GetProperty("confidence_interval").EnumerateArray().Select(e => e.GetDouble())];

    private static string[] Factors(JsonElement s) =>
        [.. s.GetProperty("abandonment_risk").GetProperty("risk_factors").EnumerateArray().Select(e => e.GetString()!)];

    private static double Health(JsonElement s) => s.GetProperty("health_score").GetDouble();
    private static string Risk(JsonElement s) => s.GetProperty("risk_level").GetString()!;
    private static double Probability(JsonElement s) => s.GetProperty("abandonment_risk").GetProperty("probability").GetDouble();
    private static JsonElement Confidence(JsonElement s) => s.GetProperty("confidence");

    // The whole line for {}, byte for byte: every number of the worked value, the explanation and data quality.
    private const string EmptyInputLine =
        """{"health_score":20,"risk_level":"CRITICAL","components":{"maintainer_health":21.1,"user_centric":0,"evolution_health":25,"community_health":30.6,"security_health":44.7},"confidence":{"score":35,"level":"LOW","data_quality":"low","interval_margin":15},"confidence_interval":[5,35],"abandonment_risk":{"probability":67.2,"time_horizon_months":12,"risk_factors":["No commits in 365 days","Single maintainer (bus factor = 1)","Low adoption (0 weekly downloads)","Infrequent releases (365 days since last)"],"components":{"inactivity_risk":86.8,"bus_factor_risk":60.7,"adoption_risk":90,"release_risk":63.2}},"explanation":{"components":[{"name":"maintainer_health","weight":0.25,"score":21.1,"contribution":5.27,"parts":[{"name":"commit_recency","weight":0.5,"score":6},{"name":"bus_factor","weight":0.3,"score":26.9},{"name":"pr_velocity","weight":0.2,"score":50}]},{"name":"user_centric","weight":0.3,"score":0,"contribution":0,"parts":[{"name":"weekly_downloads","weight":0.5,"score":0},{"name":"dependents","weight":0.3,"score":0},{"name":"stars","weight":0.2,"score":0}]},{"name":"evolution_health","weight":0.2,"score":25,"contribution":5,"parts":[{"name":"release_recency","weight":0.5,"score":50},{"name":"commit_activity","weight":0.5,"score":0}]},{"name":"community_health","weight":0.1,"score":30.6,"contribution":3.06,"parts":[{"name":"contributors","weight":0.6,"score":17.7},{"name":"issue_response","weight":0.4,"score":50}]},{"name":"security_health","weight":0.15,"score":44.7,"contribution":6.71,"parts":[{"name":"openssf_scorecard","weight":0.5,"score":30},{"name":"vulnerabilities","weight":0.3,"score":79.1},{"name":"security_policy","weight":0.2,"score":30}]}],"unrounded_score":20.04709617579301},"data_quality":{"status":"minimal","assessment":"UNVERIFIED","missing_sources":[],"has_repository":false,"explanation":"No repository URL - GitHub metrics unavailable"}}""";

    [Fact]
    public async Task Empty_object_prints_the_worked_value_exactly()
    {
        var r = await CliRunner.RunAsync("{}\n", "score", "--now", Now);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(EmptyInputLine + "\n", r.StdOut);
    }

    [Fact]
    public async Task Empty_object_worked_values_field_by_field()
    {
        var s = await ScoreOne("{}");
        Assert.Equal(20.0, Health(s));
        Assert.Equal("CRITICAL", Risk(s));
        Assert.Equal([21.1, 0.0, 25.0, 30.6, 44.7], Components(s));
        Assert.Equal(35.0, Confidence(s).GetProperty("score").GetDouble());
        Assert.Equal("LOW", Confidence(s).GetProperty("level").GetString());
        Assert.Equal("low", Confidence(s).GetProperty("data_quality").GetString());
        Assert.Equal(15, Confidence(s).GetProperty("interval_margin").GetInt32());
        Assert.Equal([5.0, 35.0], Interval(s));
        Assert.Equal(67.2, Probability(s));
        Assert.Equal(12, s.GetProperty("abandonment_risk").GetProperty("time_horizon_months").GetInt32());
        Assert.Equal([86.8, 60.7, 90.0, 63.2], RiskComponents(s));
        Assert.Equal(["No commits in 365 days", "Single maintainer (bus factor = 1)", "Low adoption (0 weekly downloads)",
            "Infrequent releases (365 days since last)"], Factors(s));
    }

    [Fact]
    public async Task Lodash_fixture_worked_values()
    {
        var s = await ScoreOne("""
            {"days_since_last_commit":45,"active_contributors_90d":2,"true_bus_factor":2,"weekly_downloads":8e7,"dependents_count":150000,"stars":58000,"commits_90d":3,"total_contributors":350,"openssf_score":6.5,"advisories":[],"openssf_checks":[{"name":"Security-Policy","score":10}]}
            """);
        Assert.Equal(75.5, Health(s));
        Assert.Equal("MEDIUM", Risk(s));
        Assert.Equal([60.4, 99.1, 56.2, 80.0, 76.2], Components(s));
        Assert.Equal(56.4, Confidence(s).GetProperty("score").GetDouble());
        Assert.Equal("MEDIUM", Confidence(s).GetProperty("level").GetString());
        Assert.Equal("low", Confidence(s).GetProperty("data_quality").GetString());
        Assert.Equal(15, Confidence(s).GetProperty("interval_margin").GetInt32());
        Assert.Equal([60.5, 90.5], Interval(s));
        Assert.Equal(50.2, Probability(s));
        Assert.Equal([22.1, 36.8, 10.0, 63.2], RiskComponents(s));
        Assert.Equal(["Small maintainer pool (2 active contributors)", "Infrequent releases (365 days since last)"], Factors(s));

        var explained = s.GetProperty("explanation").GetProperty("components").EnumerateArray().ToArray();
        Assert.Equal([15.09, 29.72, 11.24, 8.0, 11.44], explained.Select(c => c.GetProperty("contribution").GetDouble()));
        Assert.Equal([60.4, 99.1, 56.2, 80.0, 76.2], explained.Select(c => c.GetProperty("score").GetDouble()));
        Assert.Equal(75.48428442305118, s.GetProperty("explanation").GetProperty("unrounded_score").GetDouble(), 12);
    }

    [Fact]
    public async Task Typical_stored_row_keeps_the_unrounded_interval()
    {
        var r = await CliRunner.RunAsync("""
            {"weekly_downloads":1200.0,"dependents_count":3.0,"stars":0.0,"commits_90d":0.0,"active_contributors_90d":0.0,"total_contributors":0.0}
            """ + "\n", "score", "--now", Now);
        Assert.Contains("\"confidence_interval\":[11.899999999999999,41.9]", r.StdOut);
        var s = JsonDocument.Parse(r.StdOut).RootElement;
        Assert.Equal(26.9, Health(s));
        Assert.Equal("CRITICAL", Risk(s));
        Assert.Equal([16.6, 26.5, 25.1, 30.6, 44.7], Components(s));
        Assert.Equal(42.1, Confidence(s).GetProperty("score").GetDouble());
        Assert.Equal("LOW", Confidence(s).GetProperty("level").GetString());
        Assert.Equal([11.899999999999999, 41.9], Interval(s));
        Assert.Equal(63.5, Probability(s));
        Assert.Equal([86.8, 60.7, 46.0, 63.2], RiskComponents(s));
        Assert.Equal(["No commits in 365 days", "Single maintainer (bus factor = 1)", "Infrequent releases (365 days since last)"], Factors(s));
    }

    [Theory]
    [InlineData("""{"days_since_last_commit":2,"active_contributors_90d":8,"dependents_count":20000,"stars":90000,"commits_90d":60,"total_contributors":200,"openssf_score":9.5,"openssf_checks":[{"name":"Security-Policy","score":10}],"avg_issue_response_hours":10,"prs_merged_90d":19,"prs_opened_90d":20,"weekly_downloads":8}""", 80.0, "LOW")]
    [InlineData("""{"days_since_last_commit":2,"active_contributors_90d":8,"dependents_count":20000,"stars":90000,"commits_90d":60,"total_contributors":200,"openssf_score":9.5,"openssf_checks":[{"name":"Security-Policy","score":10}],"avg_issue_response_hours":10,"prs_merged_90d":19,"prs_opened_90d":20,"weekly_downloads":7}""", 79.9, "MEDIUM")]
    [InlineData("""{"days_since_last_commit":60,"active_contributors_90d":2,"dependents_count":50,"stars":300,"commits_90d":4,"total_contributors":10,"openssf_score":5,"weekly_downloads":8172948}""", 60.0, "MEDIUM")]
    [InlineData("""{"days_since_last_commit":60,"active_contributors_90d":2,"dependents_count":50,"stars":300,"commits_90d":4,"total_contributors":10,"openssf_score":5,"weekly_downloads":7672868}""", 59.9, "HIGH")]
    [InlineData("""{"days_since_last_commit":200,"active_contributors_90d":1,"dependents_count":5,"stars":30,"commits_90d":1,"total_contributors":3,"weekly_downloads":260627}""", 40.0, "HIGH")]
    [InlineData("""{"days_since_last_commit":200,"active_contributors_90d":1,"dependents_count":5,"stars":30,"commits_90d":1,"total_contributors":3,"weekly_downloads":234074}""", 39.9, "CRITICAL")]
    public async Task Risk_level_boundaries_are_inclusive(string json, double health, string risk)
    {
        // Inputs found by searching weekly_downloads with the original until its score landed exactly on the value.
        var s = await ScoreOne(json);
        Assert.Equal(health, Health(s));
        Assert.Equal(risk, Risk(s));
    }

    [Theory]
    [InlineData("2025-10-10T00:00:00Z", 20.0, "INSUFFICIENT_DATA", 10.0, 30.0)] // 89 days
    [InlineData("2025-10-09T00:00:00Z", 35.0, "LOW", 5.0, 35.0)]               // 90 days: not insufficient
    [InlineData("2025-07-11T00:00:00Z", 41.0, "LOW", 5.0, 35.0)]               // 180 days
    [InlineData("2025-01-07T00:00:00Z", 50.0, "MEDIUM", 5.0, 35.0)]            // 365 days
    public async Task Package_age_steps(string createdAt, double confidence, string level, double low, double high)
    {
        var s = await ScoreOne($$"""{"created_at":"{{createdAt}}"}""");
        Assert.Equal(confidence, Confidence(s).GetProperty("score").GetDouble());
        Assert.Equal(level, Confidence(s).GetProperty("level").GetString());
        Assert.Equal([low, high], Interval(s));
        Assert.Equal(20.0, Health(s));
        if (level == "INSUFFICIENT_DATA")
        {
            Assert.Equal("Package is only 89 days old. Scores may be unreliable.", Confidence(s).GetProperty("reason").GetString());
            Assert.False(Confidence(s).TryGetProperty("interval_margin", out _));
        }
    }

    [Theory]
    [InlineData(24, 22.0, 50.6, 7.0, 37.0)]
    [InlineData(48, 21.4, 44.6, 6.399999999999999, 36.4)]
    [InlineData(72, 20.8, 38.6, 5.800000000000001, 35.8)]
    [InlineData(100, 20.2, 31.8, 5.199999999999999, 35.2)]
    public async Task Issue_response_hours(int hours, double health, double community, double low, double high)
    {
        var s = await ScoreOne($$"""{"avg_issue_response_hours":{{hours}}}""");
        Assert.Equal(health, Health(s));
        Assert.Equal(community, Components(s)[3]);
        Assert.Equal([low, high], Interval(s));
    }

    [Fact]
    public async Task Archived_forces_95_but_leaves_the_health_score()
    {
        var s = await ScoreOne("""{"archived":true}""");
        Assert.Equal(95.0, Probability(s));
        Assert.Equal(20.0, Health(s));
        Assert.Equal([86.8, 60.7, 90.0, 63.2], RiskComponents(s));
        Assert.Equal("Repository is archived", Factors(s)[^1]);
        Assert.Equal(5, Factors(s).Length);
    }

    [Fact]
    public async Task Deprecated_forces_95_and_sanitises_the_note()
    {
        var s = await ScoreOne("""{"is_deprecated":true,"deprecation_message":"Use <new-pkg> & \"friends\" instead"}""");
        Assert.Equal(95.0, Probability(s));
        Assert.Equal(20.0, Health(s));
        Assert.Equal(["Package is deprecated", "Deprecation note: Use new-pkg  friends instead"], Factors(s)[^2..]);
    }

    [Fact]
    public async Task Zeros()
    {
        var s = await ScoreOne("""{"days_since_last_commit":0,"weekly_downloads":0,"dependents_count":0,"stars":0,"commits_90d":0,"active_contributors_90d":0,"total_contributors":0}""");
        Assert.Equal(30.7, Health(s));
        Assert.Equal([63.6, 0.0, 25.0, 30.6, 44.7], Components(s));
        Assert.Equal([15.7, 45.7], Interval(s));
        Assert.Equal(35.0, Confidence(s).GetProperty("score").GetDouble());
        Assert.Equal(55.2, Probability(s));
        Assert.Equal([0.0, 60.7, 90.0, 63.2], RiskComponents(s));
        Assert.Equal(["Single maintainer (bus factor = 1)", "Low adoption (0 weekly downloads)", "Infrequent releases (365 days since last)"], Factors(s));
    }

    [Fact]
    public async Task Negatives_are_clamped_as_the_original_does()
    {
        var s = await ScoreOne("""{"days_since_last_commit":-10,"weekly_downloads":-5,"dependents_count":-1,"stars":-3,"commits_90d":-4,"active_contributors_90d":-2,"total_contributors":-7,"avg_issue_response_hours":-3}""");
        Assert.Equal(31.9, Health(s));
        Assert.Equal([60.5, 0.0, 25.0, 50.6, 44.7], Components(s));
        Assert.Equal([21.9, 41.9], Interval(s));
        Assert.Equal(63.6, Confidence(s).GetProperty("score").GetDouble());
        Assert.Equal("medium", Confidence(s).GetProperty("data_quality").GetString());
        Assert.Equal(55.2, Probability(s));
        Assert.Equal([0.0, 60.7, 90.0, 63.2], RiskComponents(s));
    }

    [Fact]
    public async Task Huge_numbers_stay_finite()
    {
        var s = await ScoreOne("""{"days_since_last_commit":1e15,"weekly_downloads":1e18,"dependents_count":1e12,"stars":1e12,"commits_90d":1e12,"active_contributors_90d":1e9,"total_contributors":1e9,"true_bus_factor":1e9}""");
        Assert.Equal(69.7, Health(s));
        Assert.Equal("MEDIUM", Risk(s));
        Assert.Equal([40.0, 100.0, 75.0, 80.0, 44.7], Components(s));
        Assert.Equal([54.7, 84.7], Interval(s));
        Assert.Equal(55.5, Probability(s));
        Assert.Equal([100.0, 0.0, 10.0, 63.2], RiskComponents(s));
        Assert.Equal(["No commits in 1000000000000000 days", "Infrequent releases (365 days since last)"], Factors(s));
    }

    [Fact]
    public async Task Now_moves_the_date_based_terms()
    {
        const string input = """{"last_published":"2025-07-11T00:00:00Z","created_at":"2025-10-10T00:00:00Z"}""";
        var today = await ScoreOne(input, "2026-01-07T00:00:00Z");
        var tomorrow = await ScoreOne(input, "2026-01-08T00:00:00Z");
        var nextYear = await ScoreOne(input, "2027-01-07T00:00:00+00:00");

        Assert.Equal("INSUFFICIENT_DATA", Confidence(today).GetProperty("level").GetString());
        Assert.Equal(38.9, RiskComponents(today)[3]);
        Assert.Equal(65.6, Probability(today));
        Assert.Equal(["No commits in 365 days", "Single maintainer (bus factor = 1)", "Low adoption (0 weekly downloads)"], Factors(today));

        Assert.Equal("LOW", Confidence(tomorrow).GetProperty("level").GetString());
        Assert.Equal(39.1, RiskComponents(tomorrow)[3]);
        Assert.Equal("Infrequent releases (181 days since last)", Factors(tomorrow)[^1]);

        Assert.Equal("No releases in 545 days", Factors(nextYear)[^1]);
        Assert.True(Components(nextYear)[2] < Components(today)[2]);
    }

    [Fact]
    public async Task Months_sets_the_horizon_and_below_one_counts_as_one()
    {
        Assert.Equal(95.0, Probability(await ScoreOne("{}", Now, "--months", "24")));
        var zero = await ScoreOne("{}", Now, "--months", "0");
        Assert.Equal(1, zero.GetProperty("abandonment_risk").GetProperty("time_horizon_months").GetInt32());
        Assert.Equal(2.6, Probability(zero));
    }

    [Fact]
    public async Task Bad_lines_get_error_objects_and_the_rest_go_on()
    {
        var (exit, lines, _) = await Score("{}\n\n   \n[1,2]\n{not json\n\"text\"\n{\"stars\":1}\n", "--now", Now);
        Assert.Equal(1, exit);
        Assert.Equal(5, lines.Length);
        Assert.Equal(20.0, Health(lines[0]));
        Assert.Equal(4, lines[1].GetProperty("line").GetInt32());
        Assert.Equal("not_an_object", lines[1].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(5, lines[2].GetProperty("line").GetInt32());
        Assert.Equal("invalid_json", lines[2].GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(lines[2].GetProperty("error").GetProperty("message").GetString()));
        Assert.Equal(6, lines[3].GetProperty("line").GetInt32());
        Assert.Equal("not_an_object", lines[3].GetProperty("error").GetProperty("code").GetString());
        Assert.True(Health(lines[4]) > 20.0);
    }

    [Fact]
    public async Task All_good_lines_exit_zero_and_blank_input_prints_nothing()
    {
        var (exit, lines, _) = await Score("{}\n{}\n", "--now", Now);
        Assert.Equal(0, exit);
        Assert.Equal(2, lines.Length);
        var (emptyExit, emptyLines, _) = await Score("\n\n", "--now", Now);
        Assert.Equal(0, emptyExit);
        Assert.Empty(emptyLines);
    }

    [Theory]
    [InlineData("--now", "yesterday")]
    [InlineData("--now", "2026-13-01")]
    [InlineData("--now")]
    [InlineData("--months", "twelve")]
    [InlineData("--months", "1.5")]
    [InlineData("--months", "99999999999")]
    [InlineData("--months")]
    [InlineData("--bogus")]
    public async Task Usage_errors_exit_two_without_reading_input(params string[] args)
    {
        var r = await CliRunner.RunAsync("{}\n", ["score", .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.StdOut);
        Assert.Contains("dephealth score:", r.StdErr);
    }

    [Fact]
    public async Task Data_quality_full_form_with_the_deps_dev_explanation()
    {
        var s = await ScoreOne("""{"data_status":"partial","missing_sources":["deps.dev","github"],"repository_url":"https://github.com/a/b"}""");
        var dq = s.GetProperty("data_quality");
        Assert.Equal("partial", dq.GetProperty("status").GetString());
        Assert.Equal("PARTIAL", dq.GetProperty("assessment").GetString());
        Assert.Equal(["deps.dev", "github"], dq.GetProperty("missing_sources").EnumerateArray().Select(e => e.GetString()));
        Assert.True(dq.GetProperty("has_repository").GetBoolean());
        Assert.Equal("GitHub data collection failed; deps.dev data unavailable", dq.GetProperty("explanation").GetString());
    }
}
