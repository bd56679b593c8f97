using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Dispatch;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using Microsoft.Extensions.Time.Testing;
using static DepHealth.Collection.Tests.Dispatch.DispatchWorld;

namespace DepHealth.Collection.Tests.Dispatch;

/// <summary>The retry dispatcher over data-status-index on dynalite: due incomplete records, retry limits, claims.</summary>
public sealed class RetryDispatcherTests(DispatchWorld world) : IClassFixture<DispatchWorld>
{
    private readonly FakeTimeProvider _time = new(Start);

    private RetryDispatcher Dispatcher(DynamoPackageStore store, RecordingQueue queue, DispatchOptions? options = null) =>
        new(store, queue, _time, new DispatchJitter(new Random(3).NextDouble), options);

    /// <summary>Every kind of record the run must tell apart; the due ones are named "take-…".</summary>
    private async Task<DynamoPackageStore> StoreWithEveryKindAsync()
    {
        var store = await world.NewStoreAsync(_time);
        var now = _time.GetUtcNow();
        await PutAsync(store,
            Record("take-partial", 1, now.AddHours(-2), DataStatus.Partial, now.AddMinutes(-1), retryCount: 1),
            Record("take-minimal", 3, now.AddHours(-9), DataStatus.Minimal, now.AddHours(-1), retryCount: 4),
            Record("take-dispatched-long-ago", 2, now.AddHours(-5), DataStatus.Partial, now.AddHours(-3), retryCount: 2, dispatchedAt: now.AddMinutes(-61)),
            Record("skip-retried-five-times", 3, now.AddDays(-2), DataStatus.Partial, now.AddHours(-1), retryCount: 5),
            Record("skip-dispatched-recently", 3, now.AddHours(-5), DataStatus.Partial, now.AddHours(-2), retryCount: 2, dispatchedAt: now.AddMinutes(-30)),
            Record("skip-not-yet", 3, now.AddMinutes(-30), DataStatus.Partial, now.AddMinutes(30), retryCount: 0),
            Record("skip-complete", 3, now.AddHours(-1)),
            Record("skip-abandoned", 3, now.AddDays(-3), DataStatus.AbandonedMinimal, retryCount: 5));
        return store;
    }

    [Fact]
    public async Task Queues_due_partial_and_minimal_records_below_the_retry_limit_as_forced_retries_and_marks_them()
    {
        var store = await StoreWithEveryKindAsync();
        var queue = new RecordingQueue();

        var report = await Dispatcher(store, queue).DispatchAsync();

        Assert.Equal(["take-dispatched-long-ago", "take-minimal", "take-partial"], queue.Accepted.Select(m => m.Name).Order());
        Assert.All(queue.Accepted, m =>
        {
            Assert.True(m.ForceRefresh);
            Assert.Equal(CollectionReasons.Retry, m.Reason);
            Assert.True(CollectionReasons.IsRetry(m.Reason)); // the processor counts it toward the limit
            Assert.Equal(Start, m.RequestedAt);
            Assert.InRange(m.Delay, TimeSpan.Zero, TimeSpan.FromSeconds(300));
        });
        Assert.Equal(1, queue.Accepted.Single(m => m.Name == "take-partial").Tier); // the stored tier travels with it
        Assert.Equal(2, queue.Accepted.Single(m => m.Name == "take-dispatched-long-ago").Tier);
        // Found by the index: the five due partial/minimal records; two of them are not taken.
        Assert.Equal(new DispatchReport { Dispatcher = "retry", Reason = CollectionReasons.Retry, Found = 5, Dispatched = 3, Skipped = 2 }, report);
        foreach (var name in new[] { "take-partial", "take-minimal", "take-dispatched-long-ago" })
            Assert.Equal(Start, (await store.GetAsync(new PackageKey("npm", name)))!.RetryDispatchedAt);
        Assert.Equal(Start.AddMinutes(-30), (await store.GetAsync(new PackageKey("npm", "skip-dispatched-recently")))!.RetryDispatchedAt);
    }

    [Fact]
    public async Task A_record_is_queued_again_only_an_hour_after_its_dispatch_if_still_not_collected()
    {
        var store = await StoreWithEveryKindAsync();
        var queue = new RecordingQueue();
        var dispatcher = Dispatcher(store, queue);

        var first = await dispatcher.DispatchAsync();
        _time.Advance(TimeSpan.FromMinutes(59));
        var withinTheHour = await dispatcher.DispatchAsync();
        _time.Advance(TimeSpan.FromMinutes(2));
        var afterTheHour = await dispatcher.DispatchAsync();

        string[] Names(int skip, int take) => queue.Accepted.Skip(skip).Take(take).Select(m => m.Name).Order().ToArray();
        Assert.Equal(3, first.Dispatched);
        // 59 minutes on: not the three just queued, but the two that became due meanwhile.
        Assert.Equal(2, withinTheHour.Dispatched);
        Assert.Equal(["skip-dispatched-recently", "skip-not-yet"], Names(3, 2));
        // 61 minutes on: the first three again (still not collected); the two queued 2 minutes ago wait.
        Assert.Equal(3, afterTheHour.Dispatched);
        Assert.Equal(["take-dispatched-long-ago", "take-minimal", "take-partial"], Names(5, 3));
    }

    [Fact]
    public async Task Overlapping_runs_queue_each_record_once()
    {
        var store = await StoreWithEveryKindAsync();
        var queue = new RecordingQueue();

        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Dispatcher(store, queue).DispatchAsync())));

        Assert.Equal(3, reports.Sum(r => r.Dispatched));
        Assert.Equal(["take-dispatched-long-ago", "take-minimal", "take-partial"], queue.Accepted.Select(m => m.Name).Order());
    }

    [Fact]
    public async Task A_refused_message_releases_its_claim_so_the_next_run_finds_the_record_again()
    {
        var store = await StoreWithEveryKindAsync();
        var refusing = new RecordingQueue { Refuse = m => m.Name == "take-minimal" };

        var report = await Dispatcher(store, refusing).DispatchAsync();
        var released = (await store.GetAsync(new PackageKey("npm", "take-minimal")))!.RetryDispatchedAt;
        var next = new RecordingQueue();
        var again = await Dispatcher(store, next).DispatchAsync();

        Assert.Equal((2, 1), (report.Dispatched, report.Errors));
        Assert.Null(released);
        Assert.Equal("take-minimal", Assert.Single(next.Accepted).Name);
        Assert.Equal(1, again.Dispatched);
    }

    [Fact]
    public async Task One_run_takes_at_most_its_budget_split_between_partial_and_minimal_earliest_first()
    {
        var store = await world.NewStoreAsync(_time);
        var now = _time.GetUtcNow();
        await PutAsync(store, Enumerable.Range(0, 6)
            .SelectMany(i => new[]
            {
                Record($"p{i}", 3, now.AddDays(-1), DataStatus.Partial, now.AddMinutes(-10 * (i + 1)), retryCount: 0),
                Record($"m{i}", 3, now.AddDays(-1), DataStatus.Minimal, now.AddMinutes(-10 * (i + 1)), retryCount: 0),
            }).ToArray());
        var queue = new RecordingQueue();

        var report = await Dispatcher(store, queue, new DispatchOptions { MaxRetriesPerRun = 4 }).DispatchAsync();

        Assert.Equal(4, report.Dispatched);
        Assert.Equal(["m4", "m5", "p4", "p5"], queue.Accepted.Select(m => m.Name).Order()); // the two longest-waiting of each
    }

    [Fact]
    public async Task Nothing_due_sends_nothing()
    {
        var store = await world.NewStoreAsync(_time);
        await PutAsync(store, Record("fine", 1, Start.AddHours(-1)));
        var queue = new RecordingQueue();

        var report = await Dispatcher(store, queue).DispatchAsync();

        Assert.Equal((0, 0), (report.Found, report.Dispatched));
        Assert.Equal(0, queue.Calls);
    }

    public static TheoryData<string?, int?, int?, int?, bool> Selection => new()
    {
        // status, next retry (minutes from now), retry count, dispatched (minutes from now), due?
        { DataStatus.Partial, -1, 0, null, true },
        { DataStatus.Minimal, 0, 4, null, true },
        { DataStatus.Partial, 1, 0, null, false },
        { DataStatus.Partial, -1, 5, null, false },
        { DataStatus.Minimal, -1, 7, null, false },
        { DataStatus.Partial, -1, null, null, true },
        { DataStatus.Partial, -1, 1, -59, false },
        { DataStatus.Partial, -1, 1, -60, false },
        { DataStatus.Partial, -1, 1, -61, true },
        { DataStatus.Partial, null, 1, null, false },
        { DataStatus.Complete, -1, 0, null, false },
        { DataStatus.AbandonedMinimal, -1, 0, null, false },
        { "pending", -1, 0, null, false },
        { null, -1, 0, null, false },
    };

    [Theory, MemberData(nameof(Selection))]
    public void Selection_rules(string? status, int? nextRetryMinutes, int? retryCount, int? dispatchedMinutes, bool due)
    {
        var record = new PackageRecord
        {
            Ecosystem = "npm", Name = "x", DataStatus = status, RetryCount = retryCount,
            NextRetryAt = nextRetryMinutes is { } n ? Start.AddMinutes(n) : null,
            RetryDispatchedAt = dispatchedMinutes is { } d ? Start.AddMinutes(d) : null,
        };
        Assert.Equal(due, RetrySelection.IsDue(record, Start, new DispatchOptions()));
    }
}
