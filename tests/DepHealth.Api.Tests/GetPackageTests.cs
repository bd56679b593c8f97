using System.Text.Json;
using DepHealth.Core.Api;
using static DepHealth.Api.Tests.ApiHarness;

namespace DepHealth.Api.Tests;

public sealed class GetPackageTests
{
    [Fact]
    public async Task Authenticated_get_returns_the_full_body_in_the_original_order_and_charges_one_request()
    {
        var h = new ApiHarness();
        var r = await h.GetAsync("/v1/packages/npm/lodash", FreeKey);

        Assert.Equal(200, r.StatusCode);
        Assert.Equal("application/json", r.Headers["Content-Type"]);
        var json = Json(r);
        var names = json.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["package", "ecosystem", "health_score", "risk_level", "abandonment_risk", "components", "confidence",
            "signals", "openssf_checks", "advisories", "latest_version", "last_published", "repository_url", "last_updated",
            "data_quality", "explanation"], names);
        Assert.Equal("lodash", json.GetProperty("package").GetString());
        Assert.Equal(85, json.GetProperty("health_score").GetDouble());
        Assert.Equal("85", json.GetProperty("health_score").GetRawText());
        Assert.Equal("LOW", json.GetProperty("risk_level").GetString());
        Assert.Equal(70.5, json.GetProperty("components").GetProperty("evolution_health").GetDouble());
        Assert.Equal(12, json.GetProperty("abandonment_risk").GetProperty("time_horizon_months").GetInt32());
        Assert.Equal(3, json.GetProperty("signals").GetProperty("true_bus_factor").GetInt32());
        Assert.Equal("GHSA-xxxx", json.GetProperty("advisories")[0].GetProperty("id").GetString());

        var summary = json.GetProperty("openssf_checks").GetProperty("summary");
        Assert.Equal("pass", summary.GetProperty("Code-Review").GetProperty("status").GetString());
        Assert.Equal("partial", summary.GetProperty("Signed-Releases").GetProperty("status").GetString());
        Assert.Equal("fail", summary.GetProperty("Vulnerabilities").GetProperty("status").GetString());
        Assert.False(summary.TryGetProperty("Fuzzing", out _));
        Assert.Equal(4, json.GetProperty("openssf_checks").GetProperty("all_checks").GetArrayLength());

        Assert.Equal("5000", r.Headers["X-RateLimit-Limit"]);
        Assert.Equal("4999", r.Headers["X-RateLimit-Remaining"]);
        Assert.Equal(MonthReset.ToUnixTimeSeconds().ToString(), r.Headers["X-RateLimit-Reset"]);
        Assert.Equal("private, max-age=300", r.Headers["Cache-Control"]);
        Assert.False(r.Headers.ContainsKey("X-Demo-Mode"));
        Assert.Equal(1, h.Usage.UsedBy(Free.UserId));
    }

    [Fact]
    public async Task Unknown_signals_default_like_the_original()
    {
        var h = new ApiHarness();
        var record = Fakes.TestRecords.Make("npm", "bare", null, null, null, null);
        record.TrueBusFactor = null;
        record.BusFactorConfidence = null;
        record.WeeklyDownloads = null;
        h.Store.Add(record);
        var json = Json(await h.GetAsync("/v1/packages/npm/bare", FreeKey));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("health_score").ValueKind);
        var signals = json.GetProperty("signals");
        Assert.Equal(1, signals.GetProperty("true_bus_factor").GetInt32());
        Assert.Equal("LOW", signals.GetProperty("bus_factor_confidence").GetString());
        Assert.Equal(JsonValueKind.Null, signals.GetProperty("weekly_downloads").ValueKind);
    }

    [Theory]
    [InlineData("/v1/packages/npm/@babel/core")]
    [InlineData("/v1/packages/npm/%40babel%2Fcore")]
    [InlineData("/v1/packages/npm/%40Babel%2FCore")]
    [InlineData("/packages/npm/@babel/core")]
    public async Task Scoped_names_work_encoded_literal_and_in_any_case(string path)
    {
        var h = new ApiHarness();
        var r = await h.GetAsync(path, FreeKey);
        Assert.Equal(200, r.StatusCode);
        Assert.Equal("@babel/core", Json(r).GetProperty("package").GetString());
    }

    [Theory]
    [InlineData("/v1/packages/pypi/Python_DateUtil")]
    [InlineData("/v1/packages/pypi/python.dateutil")]
    [InlineData("/v1/packages/pypi/python-dateutil")]
    public async Task PyPI_names_are_PEP503_normalised(string path)
    {
        var r = await new ApiHarness().GetAsync(path, FreeKey);
        Assert.Equal(200, r.StatusCode);
        Assert.Equal("python-dateutil", Json(r).GetProperty("package").GetString());
    }

    [Fact]
    public async Task Sparse_fields_return_only_the_requested_members()
    {
        var h = new ApiHarness();
        var r = await h.GetAsync("/v1/packages/npm/lodash", FreeKey, "health_score,risk_level,abandonment_risk");
        Assert.Equal(200, r.StatusCode);
        var json = Json(r);
        Assert.Equal(["health_score", "risk_level", "abandonment_risk"], json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.True(r.Body.Length < 400, $"the CLI's answer should be small, was {r.Body.Length} bytes");
        var full = await h.GetAsync("/v1/packages/npm/lodash", FreeKey);
        Assert.NotEqual(full.Headers["ETag"], r.Headers["ETag"]);
    }

    [Theory]
    [InlineData("health_score,bogus")]
    [InlineData("HEALTH_SCORE")]
    [InlineData("usage")]
    public async Task Unknown_fields_are_a_400_listing_the_valid_ones_and_cost_nothing(string fields)
    {
        var h = new ApiHarness();
        var r = await h.GetAsync("/v1/packages/npm/lodash", FreeKey, fields);
        Assert.Equal(400, r.StatusCode);
        Assert.Equal(ErrorCodes.InvalidFields, ErrorCode(r));
        Assert.Contains("health_score, risk_level", Json(r).GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(0, h.Usage.UsedBy(Free.UserId));
    }

    [Fact]
    public async Task ETag_is_strong_and_stable_and_If_None_Match_gives_304_without_a_body()
    {
        var h = new ApiHarness();
        var first = await h.GetAsync("/v1/packages/npm/lodash", FreeKey);
        var etag = first.Headers["ETag"];
        Assert.Matches("^\"[0-9a-f]{32}\"$", etag);
        Assert.Equal(ETags.Compute(first.Body.Span), etag);

        var second = await h.GetAsync("/v1/packages/npm/lodash", FreeKey);
        Assert.Equal(etag, second.Headers["ETag"]);
        Assert.True(first.Body.Span.SequenceEqual(second.Body.Span));

        var notModified = await h.GetAsync("/v1/packages/npm/lodash", FreeKey,
            headers: new() { ["If-None-Match"] = $"\"other\", W/{etag}" });
        Assert.Equal(304, notModified.StatusCode);
        Assert.True(notModified.Body.IsEmpty);
        Assert.Equal(etag, notModified.Headers["ETag"]);
        Assert.False(notModified.Headers.ContainsKey("Content-Type"));

        var changed = await h.GetAsync("/v1/packages/npm/lodash", FreeKey, headers: new() { ["If-None-Match"] = "\"stale\"" });
        Assert.Equal(200, changed.StatusCode);
    }

    [Fact]
    public async Task Unknown_valid_package_is_404_and_queued_once_for_collection()
    {
        var h = new ApiHarness();
        var r = await h.GetAsync("/v1/packages/npm/not-yet-known", FreeKey);
        Assert.Equal(404, r.StatusCode);
        Assert.Equal(ErrorCodes.PackageNotFound, ErrorCode(r));
        Assert.Equal("Package 'not-yet-known' not found in npm", Json(r).GetProperty("error").GetProperty("message").GetString());
        await h.GetAsync("/v1/packages/npm/not-yet-known", FreeKey);
        var queued = Assert.Single(h.Queue.Items);
        Assert.Equal("npm#not-yet-known", queued.Key.Pk);
        Assert.Equal("get_discovery", queued.Reason);
        Assert.Equal(1, h.Store.GetCalls);
    }

    [Fact]
    public async Task Pending_placeholder_is_served_with_null_scores()
    {
        var r = await new ApiHarness().GetAsync("/v1/packages/npm/pending-pkg", FreeKey);
        Assert.Equal(200, r.StatusCode);
        Assert.Equal(JsonValueKind.Null, Json(r).GetProperty("risk_level").ValueKind);
    }

    [Theory]
    [InlineData("/v1/packages/NPM/lodash", ErrorCodes.InvalidEcosystem)]
    [InlineData("/v1/packages/cargo/serde", ErrorCodes.InvalidEcosystem)]
    [InlineData("/v1/packages/npm/", ErrorCodes.MissingParameter)]
    [InlineData("/v1/packages/npm", ErrorCodes.MissingParameter)]
    [InlineData("/v1/packages/npm/..%2F..%2Fetc%2Fpasswd", ErrorCodes.InvalidPackageName)]
    [InlineData("/v1/packages/npm/../../etc/passwd", ErrorCodes.InvalidPackageName)]
    [InlineData("/v1/packages/npm/%7B%22%24gt%22%3A%22%22%7D", ErrorCodes.InvalidPackageName)]
    [InlineData("/v1/packages/npm/npm%23lodash", ErrorCodes.InvalidPackageName)]
    [InlineData("/v1/packages/npm/%3Cscript%3Ealert(1)%3C%2Fscript%3E", ErrorCodes.InvalidPackageName)]
    [InlineData("/v1/packages/npm/%FF%FE", ErrorCodes.InvalidPackageName)]
    [InlineData("/v1/packages/npm/%C3%28", ErrorCodes.InvalidPackageName)]
    [InlineData("/v1/packages/pypi/-leading-dash", ErrorCodes.InvalidPackageName)]
    [InlineData("/v1/packages/npm/lodash%00", ErrorCodes.InvalidPackageName)]
    public async Task Bad_input_is_a_400_with_a_code_and_costs_nothing(string path, string code)
    {
        var h = new ApiHarness();
        var r = await h.GetAsync(path, FreeKey);
        Assert.Equal(400, r.StatusCode);
        Assert.Equal(code, ErrorCode(r));
        Assert.Equal(0, h.Usage.UsedBy(Free.UserId));
        Assert.Equal(0, h.Store.GetCalls);
        // And in demo mode, too.
        var demo = await h.GetAsync(path);
        Assert.Equal(400, demo.StatusCode);
        Assert.Equal(0, h.Demo.UsedBy("203.0.113.7"));
    }

    [Fact]
    public async Task Ten_kilobyte_name_is_a_400()
    {
        var h = new ApiHarness();
        var r = await h.GetAsync("/v1/packages/npm/" + new string('a', 10_000), FreeKey);
        Assert.Equal(400, r.StatusCode);
        Assert.Equal(ErrorCodes.InvalidPackageName, ErrorCode(r));
        Assert.Equal(0, h.Usage.UsedBy(Free.UserId));
        Assert.True(r.Body.Length < 300);
    }

    [Fact]
    public async Task Missing_or_invalid_key_falls_back_to_demo_mode_limited_to_20_per_hour_per_ip()
    {
        var h = new ApiHarness();
        for (var i = 1; i <= 20; i++)
        {
            var ok = await h.GetAsync("/v1/packages/npm/lodash", i % 2 == 0 ? "pw_not_a_key" : null);
            Assert.Equal(200, ok.StatusCode);
            Assert.Equal("true", ok.Headers["X-Demo-Mode"]);
            Assert.Equal("20", ok.Headers["X-RateLimit-Limit"]);
            Assert.Equal((20 - i).ToString(), ok.Headers["X-RateLimit-Remaining"]);
        }
        var denied = await h.GetAsync("/v1/packages/npm/lodash");
        Assert.Equal(429, denied.StatusCode);
        Assert.Equal(ErrorCodes.DemoRateLimitExceeded, ErrorCode(denied));
        Assert.Equal("3600", denied.Headers["Retry-After"]);
        Assert.Equal("0", denied.Headers["X-RateLimit-Remaining"]);
        var error = Json(denied).GetProperty("error");
        Assert.Equal(3600, error.GetProperty("retry_after_seconds").GetInt32());
        Assert.StartsWith("https://", error.GetProperty("signup_url").GetString());

        // Another IP still has its own 20.
        Assert.Equal(200, (await h.GetAsync("/v1/packages/npm/lodash", ip: "198.51.100.1")).StatusCode);
    }

    [Fact]
    public async Task Key_at_its_monthly_limit_gets_429_with_retry_after_until_the_reset()
    {
        var h = new ApiHarness();
        h.Usage.SetUsed(Tiny.UserId, 10);
        var r = await h.GetAsync("/v1/packages/npm/lodash", TinyKey);
        Assert.Equal(429, r.StatusCode);
        Assert.Equal(ErrorCodes.RateLimitExceeded, ErrorCode(r));
        var expected = (long)(MonthReset - h.Time.GetUtcNow()).TotalSeconds;
        Assert.Equal(expected.ToString(), r.Headers["Retry-After"]);
        Assert.Equal("0", r.Headers["X-RateLimit-Remaining"]);
        var error = Json(r).GetProperty("error");
        Assert.Equal(expected, error.GetProperty("retry_after_seconds").GetInt64());
        Assert.Equal("Monthly limit of 10 requests exceeded", error.GetProperty("message").GetString());
        Assert.True(error.TryGetProperty("upgrade_url", out _));
        Assert.Equal(10, h.Usage.UsedBy(Tiny.UserId));
    }

    [Theory]
    [InlineData(7, null)]
    [InlineData(8, "warning")]
    [InlineData(9, "warning")]
    [InlineData(10, "exceeded")]
    public async Task Usage_alerts_fire_at_80_95_and_100_percent(int usedAfter, string? level)
    {
        var h = new ApiHarness();
        h.Usage.SetUsed(Tiny.UserId, usedAfter - 1);
        var r = await h.GetAsync("/v1/packages/npm/lodash", TinyKey);
        Assert.Equal(200, r.StatusCode);
        var json = Json(r);
        if (level is null)
        {
            Assert.False(r.Headers.ContainsKey("X-Usage-Alert"));
            Assert.False(json.TryGetProperty("usage_alert", out _));
            return;
        }
        Assert.Equal(level, r.Headers["X-Usage-Alert"]);
        Assert.Equal(level, json.GetProperty("usage_alert").GetProperty("level").GetString());
        Assert.Equal(usedAfter * 10.0, double.Parse(r.Headers["X-Usage-Percent"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Usage_alert_critical_band_reports_remaining_requests()
    {
        var alert = UsageAlert.For(960, 1000, "https://x");
        Assert.NotNull(alert);
        Assert.Equal("critical", alert.Level);
        Assert.Equal(96, alert.Percent);
        Assert.Equal("Only 40 requests remaining this month", alert.Message);
        Assert.Equal("20% of monthly quota remaining", UsageAlert.For(800, 1000, "u")!.Message);
        Assert.Null(UsageAlert.For(799, 1000, "u"));
    }

    [Fact]
    public async Task Store_failure_is_a_503_without_internal_detail()
    {
        var h = new ApiHarness();
        h.Store.Fail = true;
        var r = await h.GetAsync("/v1/packages/npm/lodash", FreeKey);
        Assert.Equal(503, r.StatusCode);
        Assert.Equal(ErrorCodes.ServiceUnavailable, ErrorCode(r));
        Assert.DoesNotContain("secret-internal-detail", Text(r));
        Assert.DoesNotContain("at DepHealth", Text(r));
    }

    [Fact]
    public async Task Key_service_failure_is_a_503()
    {
        var h = new ApiHarness();
        h.Keys.Fail = true;
        var r = await h.GetAsync("/v1/packages/npm/lodash", FreeKey);
        Assert.Equal(503, r.StatusCode);
        Assert.Equal(ErrorCodes.ServiceUnavailable, ErrorCode(r));
    }

    [Fact]
    public async Task Data_quality_is_the_full_form()
    {
        var h = new ApiHarness();
        var verified = Json(await h.GetAsync("/v1/packages/npm/lodash", FreeKey)).GetProperty("data_quality");
        Assert.Equal("complete", verified.GetProperty("status").GetString());
        Assert.Equal("VERIFIED", verified.GetProperty("assessment").GetString());
        Assert.Equal(0, verified.GetProperty("missing_sources").GetArrayLength());
        Assert.True(verified.GetProperty("has_repository").GetBoolean());
        Assert.Equal("Complete data from all sources", verified.GetProperty("explanation").GetString());

        var minimal = Json(await h.GetAsync("/v1/packages/npm/left-pad", FreeKey)).GetProperty("data_quality");
        Assert.Equal("UNVERIFIED", minimal.GetProperty("assessment").GetString());
        Assert.Contains("No repository URL", minimal.GetProperty("explanation").GetString());

        var legacy = Fakes.TestRecords.Make("npm", "legacy", 50, "MEDIUM", dataStatus: null);
        h.Store.Add(legacy);
        var noStatus = Json(await h.GetAsync("/v1/packages/npm/legacy", FreeKey)).GetProperty("data_quality");
        Assert.Equal("minimal", noStatus.GetProperty("status").GetString());
        Assert.Equal("UNVERIFIED", noStatus.GetProperty("assessment").GetString());
    }

    [Fact]
    public async Task Explanation_adds_up_to_the_stored_score()
    {
        var h = new ApiHarness();
        var record = Fakes.TestRecords.Make("npm", "scored", null, null);
        new DepHealth.Core.Scoring.PackageScorer(h.Time).ScoreInto(record);
        h.Store.Add(record);
        h.Time.Advance(TimeSpan.FromDays(40)); // the explanation is as of scored_at, not now

        var json = Json(await h.GetAsync("/v1/packages/npm/scored", FreeKey));
        var score = json.GetProperty("health_score").GetDouble();
        Assert.Equal(record.HealthScore, score);
        var explanation = json.GetProperty("explanation");
        Assert.Equal(score, Math.Round(explanation.GetProperty("unrounded_score").GetDouble(), 1));
        var sum = explanation.GetProperty("components").EnumerateArray().Sum(c => c.GetProperty("contribution").GetDouble());
        Assert.InRange(sum, score - 0.1, score + 0.1);
        Assert.Equal(5, explanation.GetProperty("components").GetArrayLength());

        var pending = Json(await h.GetAsync("/v1/packages/npm/pending-pkg", FreeKey));
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("explanation").ValueKind);
    }
}
