using System.Net;
using System.Text;
using System.Text.Json;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Storage;
using DepHealth.Emulator.Upstream.Faults;

namespace DepHealth.Api.Tests.Http;

/// <summary>Collect on demand through the real server: GET/scan misses are queued, collected in the background and served after.</summary>
public sealed class LocalCollectionTests(LocalCollectionFixture server) : IClassFixture<LocalCollectionFixture>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) =>
        JsonDocument.Parse(await r.Content.ReadAsByteArrayAsync()).RootElement;

    private Task<HttpResponseMessage> ScanAsync(string json) =>
        server.Http.PostAsync("/v1/scan", new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<CollectionOutcome> CollectAsync(CollectionMessage message)
    {
        var next = server.NextOutcome(new PackageKey(message.Ecosystem, message.Name));
        var queued = await server.Collection.Queue!.EnqueueManyAsync([message]);
        Assert.Equal(1, queued.Accepted);
        return await next;
    }

    [Fact]
    public async Task A_get_miss_is_404_then_collected_in_the_background_and_the_next_get_serves_the_scored_record()
    {
        var collected = server.NextOutcome(new PackageKey("npm", "express"));

        using var miss = await server.Http.GetAsync("/v1/packages/npm/express");
        Assert.Equal(HttpStatusCode.NotFound, miss.StatusCode);
        Assert.Equal("package_not_found", (await JsonAsync(miss)).GetProperty("error").GetProperty("code").GetString());

        var outcome = await collected;
        Assert.Equal(CollectionOutcomeStatus.Collected, outcome.Status);
        Assert.Equal(CollectionReasons.GetDiscovery, outcome.Message!.Reason);

        // No time has passed: the worker dropped the remembered "not found" from the API's cache.
        using var hit = await server.Http.GetAsync("/v1/packages/npm/express");
        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        var body = await JsonAsync(hit);
        Assert.Equal("express", body.GetProperty("package").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("health_score").ValueKind);
        Assert.Equal(outcome.Result!.Record.HealthScore, body.GetProperty("health_score").GetDouble());
        Assert.Equal(JsonValueKind.String, body.GetProperty("risk_level").ValueKind);
        Assert.Contains("collect npm/express: collected", server.Log.ToString());
    }

    [Fact]
    public async Task A_scan_queues_its_unknown_dependencies_and_a_later_scan_finds_the_real_ones()
    {
        var chalk = server.NextOutcome(new PackageKey("npm", "chalk"));
        var missing = server.NextOutcome(new PackageKey("npm", "dephealth-missing"));

        using var first = await ScanAsync("""{"dependencies":{"chalk":"^5","dephealth-missing":"1"}}""");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = await JsonAsync(first);
        Assert.Equal(2, before.GetProperty("discovery").GetProperty("queued").GetInt32());
        Assert.Equal(2, before.GetProperty("not_found").GetArrayLength());

        Assert.Equal(CollectionOutcomeStatus.Collected, (await chalk).Status);
        var unknown = await missing;
        Assert.Equal((CollectionOutcomeStatus.Skipped, OutcomeReasons.NotFound), (unknown.Status, unknown.Reason));

        using var second = await ScanAsync("""{"dependencies":{"chalk":"^5","dephealth-missing":"1"}}""");
        var after = await JsonAsync(second);
        Assert.Equal("chalk", Assert.Single(after.GetProperty("packages").EnumerateArray()).GetProperty("package").GetString());
        Assert.Equal("dephealth-missing", Assert.Single(after.GetProperty("not_found").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task The_dedup_window_skips_a_recent_package_until_30_minutes_pass_and_force_refresh_bypasses_it()
    {
        CollectionMessage Commander(bool force = false) => new()
        {
            Ecosystem = "npm", Name = "commander", Reason = CollectionReasons.RefreshDaily, ForceRefresh = force,
        };
        Assert.Equal(CollectionOutcomeStatus.Collected, (await CollectAsync(Commander())).Status);

        server.Time.Advance(TimeSpan.FromMinutes(29));
        var skipped = await CollectAsync(Commander());
        Assert.Equal((CollectionOutcomeStatus.Skipped, OutcomeReasons.RecentlyCollected), (skipped.Status, skipped.Reason));

        var forced = await CollectAsync(Commander(force: true));
        Assert.Equal(CollectionOutcomeStatus.Collected, forced.Status);
        Assert.Equal(server.Time.GetUtcNow(), forced.Result!.Record.CollectedAt);

        server.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(CollectionOutcomeStatus.Collected, (await CollectAsync(Commander())).Status);
    }

    [Fact]
    public async Task A_failing_collection_is_reported_failed_and_the_stored_record_is_still_served()
    {
        Assert.Equal(CollectionOutcomeStatus.Collected, (await CollectAsync(new CollectionMessage { Ecosystem = "npm", Name = "react" })).Status);
        using var before = await server.Http.GetAsync("/v1/packages/npm/react");
        var stored = await JsonAsync(before);

        var fault = server.Upstream.Faults.Add(FaultRule.Status(null, 503, package: "react"));
        CollectionOutcome failed;
        try
        {
            failed = await CollectAsync(new CollectionMessage { Ecosystem = "npm", Name = "react", ForceRefresh = true, Reason = CollectionReasons.Retry });
        }
        finally
        {
            server.Upstream.Faults.Remove(fault);
        }

        Assert.Equal(CollectionOutcomeStatus.Failed, failed.Status);
        Assert.True(failed.ShouldRetry);
        Assert.StartsWith(OutcomeReasons.UpstreamsFailed, failed.Reason);
        Assert.Contains("collect npm/react: failed (upstreams_failed", server.Log.ToString());
        server.Api.Cache.Clear(); // read the store, not the cache
        using var after = await server.Http.GetAsync("/v1/packages/npm/react");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var kept = await JsonAsync(after);
        Assert.Equal(stored.GetProperty("health_score").GetDouble(), kept.GetProperty("health_score").GetDouble());
        Assert.Equal(stored.GetProperty("last_updated").GetString(), kept.GetProperty("last_updated").GetString());
        Assert.Equal(stored.GetProperty("signals").GetRawText(), kept.GetProperty("signals").GetRawText());
    }
}
