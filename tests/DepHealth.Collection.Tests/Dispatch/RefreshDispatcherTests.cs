using System.Text.Json;
using DepHealth.Core.Collection.Dispatch;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Json;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;
using static DepHealth.Collection.Tests.Dispatch.DispatchWorld;

namespace DepHealth.Collection.Tests.Dispatch;

/// <summary>The refresh dispatcher over tier-index on dynalite: which packages each tier's run queues, with what delay.</summary>
public sealed class RefreshDispatcherTests(DispatchWorld world) : IClassFixture<DispatchWorld>
{
    private readonly FakeTimeProvider _time = new(Start);

    private static DispatchJitter Seeded(int seed = 1) => new(new Random(seed).NextDouble);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 7)]
    public async Task A_tier_run_queues_only_that_tiers_packages_older_than_three_quarters_of_its_interval(int tier, int intervalDays)
    {
        var store = await world.NewStoreAsync(_time);
        var now = _time.GetUtcNow();
        var dueAt = now - TimeSpan.FromDays(intervalDays) * 0.75;
        var otherTier = tier == 1 ? 2 : 1;
        await PutAsync(store,
            Record("due-boundary", tier, dueAt),
            Record("due-old", tier, now.AddDays(-30)),
            Record("due-py", tier, dueAt.AddHours(-1), ecosystem: "pypi"),
            Record("fresh-just", tier, dueAt.AddSeconds(1)),
            Record("fresh-recent", tier, now.AddMinutes(-5)),
            Record("other-tier", otherTier, now.AddDays(-30)));
        var queue = new RecordingQueue();

        var report = await new RefreshDispatcher(store, queue, _time, Seeded()).DispatchAsync(tier);

        Assert.Equal(["npm#due-boundary", "npm#due-old", "pypi#due-py"], queue.Accepted.Select(m => $"{m.Ecosystem}#{m.Name}").Order());
        var window = new DispatchOptions().JitterMax(tier);
        Assert.All(queue.Accepted, m =>
        {
            Assert.Equal(tier, m.Tier);
            Assert.Equal(RefreshTiers.ReasonOf(tier), m.Reason);
            Assert.False(m.ForceRefresh);
            Assert.Equal(now, m.RequestedAt);
            Assert.InRange(m.Delay, TimeSpan.Zero, window);
        });
        Assert.Equal(new DispatchReport { Dispatcher = "refresh", Tier = tier, Reason = RefreshTiers.ReasonOf(tier), Found = 3, Dispatched = 3 }, report);
    }

    [Fact]
    public void Tier_windows_are_the_originals_300_600_900_seconds_and_due_points_follow_the_clock()
    {
        var options = new DispatchOptions();
        Assert.Equal([300.0, 600.0, 900.0], RefreshTiers.All.Select(t => options.JitterMax(t).TotalSeconds));
        Assert.Equal(Start.AddHours(-18), options.DueBefore(RefreshTiers.Daily, Start));
        Assert.Equal(Start.AddHours(-54), options.DueBefore(RefreshTiers.ThreeDay, Start));
        Assert.Equal(Start.AddHours(-126), options.DueBefore(RefreshTiers.Weekly, Start));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public async Task A_missing_or_unknown_tier_runs_tier_3_as_the_original(int? tier)
    {
        var store = await world.NewStoreAsync(_time);
        await PutAsync(store, Record("weekly", 3, Start.AddDays(-8)), Record("daily", 1, Start.AddDays(-8)));
        var queue = new RecordingQueue();

        var report = await new RefreshDispatcher(store, queue, _time, Seeded()).DispatchAsync(tier, "  ");

        Assert.Equal("weekly", Assert.Single(queue.Accepted).Name);
        Assert.Equal(3, report.Tier);
        Assert.Equal(CollectionReasons.RefreshWeekly, report.Reason);
    }

    [Fact]
    public async Task A_large_tier_is_spread_over_the_whole_jitter_window()
    {
        var store = await world.NewStoreAsync(_time);
        await PutAsync(store, Enumerable.Range(0, 150).Select(i => Record($"spread-{i:D3}", 1, Start.AddDays(-2))).ToArray());
        var queue = new RecordingQueue();

        var report = await new RefreshDispatcher(store, queue, _time, Seeded(99), new DispatchOptions { EnqueueChunk = 40 }).DispatchAsync(1);

        Assert.Equal(150, report.Dispatched);
        Assert.Equal(4, queue.Calls); // 40 + 40 + 40 + 30
        var seconds = queue.Accepted.Select(m => (int)m.Delay.TotalSeconds).ToArray();
        Assert.All(seconds, s => Assert.InRange(s, 0, 300));
        Assert.True(seconds.Distinct().Count() > 100, $"{seconds.Distinct().Count()} distinct delays of 150");
        // Every minute of the five-minute window gets some of them: no burst at one instant.
        Assert.Equal([0, 1, 2, 3, 4], seconds.Where(s => s < 300).Select(s => s / 60).Distinct().Order());
    }

    [Fact]
    public async Task Messages_the_queue_refuses_are_counted_as_errors()
    {
        var store = await world.NewStoreAsync(_time);
        await PutAsync(store, Record("ok-1", 2, Start.AddDays(-4)), Record("bad-1", 2, Start.AddDays(-4)), Record("bad-2", 2, Start.AddDays(-4)));
        var queue = new RecordingQueue { Refuse = m => m.Name.StartsWith("bad", StringComparison.Ordinal) };

        var report = await new RefreshDispatcher(store, queue, _time, Seeded()).DispatchAsync(2);

        Assert.Equal((3, 1, 2), (report.Found, report.Dispatched, report.Errors));
    }

    [Fact]
    public async Task A_deadline_stops_the_run_between_chunks_and_says_so()
    {
        var store = await world.NewStoreAsync(_time);
        await PutAsync(store, Enumerable.Range(0, 25).Select(i => Record($"late-{i:D2}", 1, Start.AddDays(-2))).ToArray());
        using var deadline = new CancellationTokenSource();
        var queue = new RecordingQueue { AfterEachCall = deadline.Cancel };

        var report = await new RefreshDispatcher(store, queue, _time, Seeded(), new DispatchOptions { EnqueueChunk = 10 })
            .DispatchAsync(1, cancellationToken: deadline.Token);

        Assert.True(report.Incomplete);
        Assert.Equal((25, 10), (report.Found, report.Dispatched));
        Assert.Equal(1, queue.Calls);
    }

    [Fact]
    public async Task Through_sqs_each_message_carries_its_jittered_delay_seconds_and_a_collection_message_body()
    {
        var store = await world.NewStoreAsync(_time);
        await PutAsync(store, Enumerable.Range(0, 23).Select(i => Record($"sqs-{i:D2}", 2, Start.AddDays(-5))).ToArray());
        await using var sqs = await FakeSqs.StartAsync();
        using var queue = new SqsCollectionQueue(new SqsQueueSettings { QueueUrl = sqs.QueueUrl, ServiceUrl = sqs.Endpoint }, _time);
        var recorder = new RecordingQueue();
        var expectedDelays = new Random(5);
        var jitter = Seeded(5);

        var report = await new RefreshDispatcher(store, queue, _time, jitter).DispatchAsync(2, "refresh_3day");

        Assert.Equal(23, report.Dispatched);
        Assert.Equal(3, sqs.Calls.Count(c => c.Operation == "SendMessageBatch")); // 10 + 10 + 3
        var sent = sqs.Messages.Select(m => (Message: JsonSerializer.Deserialize(m.Body, DepHealthJsonContext.Default.CollectionMessage)!, m.DelaySeconds)).ToList();
        Assert.Equal(23, sent.Select(s => s.Message.Name).Distinct().Count());
        Assert.All(sent, s =>
        {
            Assert.Equal(2, s.Message.Tier);
            Assert.Equal("refresh_3day", s.Message.Reason);
            Assert.InRange(s.DelaySeconds, 0, 600);
        });
        // The same seed gives the same multiset of delays: SQS got exactly the jitter's values.
        var expected = Enumerable.Range(0, 23).Select(_ => (int)DispatchJitter.DelayFor(TimeSpan.FromSeconds(600), expectedDelays.NextDouble()).TotalSeconds).Order();
        Assert.Equal(expected, sent.Select(s => s.DelaySeconds).Order());
        Assert.Empty(recorder.Accepted);
    }
}
