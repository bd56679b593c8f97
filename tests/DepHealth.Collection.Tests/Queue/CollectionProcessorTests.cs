using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Emulator.Upstream;
using DepHealth.Emulator.Upstream.Faults;

namespace DepHealth.Collection.Tests.Queue;

/// <summary>The processor over the real store (dynalite) and the upstream emulator: dedup window, force_refresh, failures, outcomes.</summary>
public sealed class CollectionProcessorTests(QueueWorld world) : IClassFixture<QueueWorld>
{
    private static CollectionMessage Npm(string name, bool force = false, string reason = CollectionReasons.GetDiscovery) =>
        new() { Ecosystem = "npm", Name = name, ForceRefresh = force, Reason = reason };

    private int DepsDevPackageCalls(string name) =>
        world.Upstream.Log.For(UpstreamKind.DepsDev).Count(r => r.Subject == name && r.Path.EndsWith("/packages/" + name, StringComparison.Ordinal));

    [Fact]
    public async Task Collects_scores_and_stores_an_unknown_package()
    {
        var (processor, client) = world.Processor();
        using var _ = client;

        var outcome = Assert.Single(await processor.ProcessAsync([Npm("express")]));

        Assert.Equal(CollectionOutcomeStatus.Collected, outcome.Status);
        Assert.False(outcome.ShouldRetry);
        Assert.Equal(new PackageKey("npm", "express"), outcome.Key);
        var stored = await world.Store.GetAsync(new PackageKey("npm", "express"));
        Assert.NotNull(stored);
        Assert.NotNull(stored.HealthScore);
        Assert.NotNull(stored.RiskLevel);
        Assert.Equal(world.Time.GetUtcNow(), stored.CollectedAt);
        Assert.Equal(world.Upstream.Universe.Get(Ecosystem.Npm, "express")!.WeeklyDownloads, stored.WeeklyDownloads);
    }

    [Fact]
    public async Task Skips_a_package_collected_within_30_minutes_and_collects_it_again_after()
    {
        var (processor, client) = world.Processor();
        using var _ = client;
        Assert.Equal(CollectionOutcomeStatus.Collected, (await processor.ProcessAsync([Npm("lodash")]))[0].Status);
        var first = (await world.Store.GetAsync(new PackageKey("npm", "lodash")))!.CollectedAt;

        world.Time.Advance(TimeSpan.FromMinutes(29));
        var calls = DepsDevPackageCalls("lodash");
        var skipped = Assert.Single(await processor.ProcessAsync([Npm("lodash", reason: CollectionReasons.ScanDiscovery)]));
        Assert.Equal(CollectionOutcomeStatus.Skipped, skipped.Status);
        Assert.Equal(OutcomeReasons.RecentlyCollected, skipped.Reason);
        Assert.False(skipped.ShouldRetry);
        Assert.Equal(calls, DepsDevPackageCalls("lodash")); // no upstream call at all
        Assert.Equal(first, (await world.Store.GetAsync(new PackageKey("npm", "lodash")))!.CollectedAt);

        world.Time.Advance(TimeSpan.FromMinutes(2));
        var again = Assert.Single(await processor.ProcessAsync([Npm("lodash")]));
        Assert.Equal(CollectionOutcomeStatus.Collected, again.Status);
        Assert.Equal(first!.Value.AddMinutes(31), (await world.Store.GetAsync(new PackageKey("npm", "lodash")))!.CollectedAt);
    }

    [Fact]
    public async Task Force_refresh_bypasses_the_dedup_window()
    {
        var (processor, client) = world.Processor();
        using var _ = client;
        await processor.ProcessAsync([Npm("debug")]);
        world.Time.Advance(TimeSpan.FromMinutes(1));

        var forced = Assert.Single(await processor.ProcessAsync([Npm("debug", force: true, reason: CollectionReasons.Retry)]));

        Assert.Equal(CollectionOutcomeStatus.Collected, forced.Status);
        Assert.Equal(world.Time.GetUtcNow(), (await world.Store.GetAsync(new PackageKey("npm", "debug")))!.CollectedAt);
    }

    [Fact]
    public async Task A_collection_no_upstream_answers_fails_for_retry_and_keeps_the_stored_record()
    {
        var (processor, client) = world.Processor();
        using var _ = client;
        await processor.ProcessAsync([Npm("commander")]);
        var before = await world.Store.GetAsync(new PackageKey("npm", "commander"));
        world.Time.Advance(TimeSpan.FromHours(2));

        var fault = world.Upstream.Faults.Add(FaultRule.Status(null, 503, package: "commander"));
        try
        {
            var failed = Assert.Single(await processor.ProcessAsync([Npm("commander")]));
            Assert.Equal(CollectionOutcomeStatus.Failed, failed.Status);
            Assert.True(failed.ShouldRetry);
            Assert.StartsWith(OutcomeReasons.UpstreamsFailed + ": ", failed.Reason);
            Assert.Contains("deps.dev=", failed.Reason);
            Assert.Contains("npm=", failed.Reason);
        }
        finally
        {
            world.Upstream.Faults.Remove(fault);
        }

        var after = await world.Store.GetAsync(new PackageKey("npm", "commander"));
        Assert.NotNull(after);
        Assert.Equal(before!.CollectedAt, after.CollectedAt);
        Assert.Equal(before.HealthScore, after.HealthScore);
        Assert.Equal(before.WeeklyDownloads, after.WeeklyDownloads);
        Assert.Equal(before.DataStatus, after.DataStatus);
    }

    [Fact]
    public async Task A_package_no_upstream_knows_is_skipped_and_not_stored()
    {
        var (processor, client) = world.Processor();
        using var _ = client;

        var outcome = Assert.Single(await processor.ProcessAsync([Npm("dephealth-missing")]));

        Assert.Equal(CollectionOutcomeStatus.Skipped, outcome.Status);
        Assert.Equal(OutcomeReasons.NotFound, outcome.Reason);
        Assert.Null(await world.Store.GetAsync(new PackageKey("npm", "dephealth-missing")));

        // Asked again soon (every scan re-queues its unknown names): no upstream call; after the window, asked again.
        var calls = world.Upstream.Log.Requests.Count;
        var again = Assert.Single(await processor.ProcessAsync([Npm("dephealth-missing")]));
        Assert.Equal((CollectionOutcomeStatus.Skipped, OutcomeReasons.RecentlyNotFound), (again.Status, again.Reason));
        Assert.Equal(calls, world.Upstream.Log.Requests.Count);
        world.Time.Advance(TimeSpan.FromMinutes(31));
        var later = Assert.Single(await processor.ProcessAsync([Npm("dephealth-missing")]));
        Assert.Equal(OutcomeReasons.NotFound, later.Reason);
        Assert.True(world.Upstream.Log.Requests.Count > calls);
    }

    [Fact]
    public async Task Bad_messages_are_rejected_without_any_upstream_call_and_outcomes_keep_input_order()
    {
        var (processor, client) = world.Processor();
        using var _ = client;
        var before = world.Upstream.Log.Requests.Count;

        var outcomes = await processor.ProcessBodiesAsync([
            "not json",
            """{"ecosystem":"cargo","name":"serde"}""",
            """{"ecosystem":"npm","name":"../etc/passwd"}""",
            """{"name":"x"}""",
            null,
        ]);

        Assert.Equal([0, 1, 2, 3, 4], outcomes.Select(o => o.Index));
        Assert.All(outcomes, o => Assert.Equal(CollectionOutcomeStatus.Rejected, o.Status));
        Assert.All(outcomes, o => Assert.False(o.ShouldRetry));
        Assert.Contains("cargo", outcomes[1].Reason);
        Assert.StartsWith("invalid name", outcomes[2].Reason);
        Assert.Equal(before, world.Upstream.Log.Requests.Count);
    }

    [Fact]
    public async Task The_same_package_twice_in_a_batch_is_collected_once_and_both_messages_get_its_outcome()
    {
        var (processor, client) = world.Processor();
        using var _ = client;

        var outcomes = await processor.ProcessBodiesAsync([
            """{"ecosystem":"npm","name":"Axios","reason":"scan_discovery"}""",
            """{"ecosystem":"pypi","name":"Flask","reason":"get_discovery"}""",
            """{"ecosystem":"npm","name":"axios","reason":"get_discovery","force_refresh":true}""",
        ]);

        Assert.All(outcomes, o => Assert.Equal(CollectionOutcomeStatus.Collected, o.Status));
        Assert.Equal(new PackageKey("npm", "axios"), outcomes[0].Key);
        Assert.Equal(new PackageKey("npm", "axios"), outcomes[2].Key);
        Assert.Equal(new PackageKey("pypi", "flask"), outcomes[1].Key);
        Assert.Equal("get_discovery", outcomes[2].Message!.Reason);
        Assert.Equal(1, DepsDevPackageCalls("axios"));
        Assert.NotNull(await world.Store.GetAsync(new PackageKey("pypi", "flask")));
    }

    [Fact]
    public async Task A_cancelled_batch_reports_every_message_as_failed_for_retry()
    {
        var (processor, client) = world.Processor();
        using var _ = client;
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var outcomes = await processor.ProcessAsync([Npm("react"), Npm("vite")], cts.Token);

        Assert.All(outcomes, o => Assert.Equal((CollectionOutcomeStatus.Failed, OutcomeReasons.Cancelled), (o.Status, o.Reason)));
        Assert.Null(await world.Store.GetAsync(new PackageKey("npm", "react")));
    }
}
