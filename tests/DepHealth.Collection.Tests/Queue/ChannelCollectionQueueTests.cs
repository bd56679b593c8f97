using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Queue;

/// <summary>The in-process queue: dedup of waiting keys, bounded capacity, delays on a fake clock, completion.</summary>
public sealed class ChannelCollectionQueueTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero));

    private static CollectionMessage Npm(string name, bool force = false, TimeSpan delay = default) =>
        new() { Ecosystem = "npm", Name = name, ForceRefresh = force, Delay = delay };

    [Fact]
    public async Task A_key_already_waiting_is_not_queued_twice_and_a_later_force_refresh_is_kept()
    {
        using var queue = new ChannelCollectionQueue(time: _time);

        var result = await queue.EnqueueManyAsync([Npm("chalk"), Npm("Chalk"), Npm("lodash"), Npm("chalk", force: true)]);

        Assert.Equal(4, result.Accepted); // accepted: every ask is served by the one waiting message
        Assert.Equal(2, queue.Count);
        var batch = await queue.ReadBatchAsync(10);
        Assert.Equal(["chalk", "lodash"], batch.Select(m => m.Name));
        Assert.True(batch[0].ForceRefresh);
        Assert.Equal(_time.GetUtcNow(), batch[0].RequestedAt);
        Assert.False(queue.TryRead(out _));
    }

    [Fact]
    public async Task Once_read_a_key_can_be_queued_again()
    {
        using var queue = new ChannelCollectionQueue(time: _time);
        ICollectionQueue asInterface = queue;
        await asInterface.EnqueueAsync(new PackageKey("npm", "chalk"), CollectionReasons.GetDiscovery);
        Assert.True(queue.TryRead(out var first));
        Assert.Equal(CollectionReasons.GetDiscovery, first.Reason);

        await asInterface.EnqueueAsync(new PackageKey("npm", "chalk"), CollectionReasons.ScanDiscovery);

        Assert.True(queue.TryRead(out var second));
        Assert.Equal(CollectionReasons.ScanDiscovery, second.Reason);
    }

    [Fact]
    public async Task A_full_queue_refuses_new_keys_instead_of_blocking()
    {
        using var queue = new ChannelCollectionQueue(capacity: 2, time: _time);

        var result = await queue.EnqueueManyAsync([Npm("a1"), Npm("a2"), Npm("a3"), Npm("a1")]);

        Assert.Equal(3, result.Accepted);
        var refused = Assert.Single(result.Failed);
        Assert.Equal("a3", refused.Message.Name);
        Assert.Contains("full", refused.Reason);
        ICollectionQueue asInterface = queue;
        await Assert.ThrowsAsync<CollectionQueueException>(() => asInterface.EnqueueAsync(new PackageKey("npm", "a4"), "x").AsTask());
    }

    [Fact]
    public async Task A_delayed_message_appears_when_its_delay_has_passed_on_the_clock()
    {
        using var queue = new ChannelCollectionQueue(time: _time);
        await queue.EnqueueManyAsync([Npm("later", delay: TimeSpan.FromMinutes(5)), Npm("capped", delay: TimeSpan.FromHours(1))]);
        Assert.False(queue.TryRead(out _));

        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.False(queue.TryRead(out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(queue.TryRead(out var due));
        Assert.Equal("later", due.Name);
        Assert.Equal(TimeSpan.Zero, due.Delay);

        _time.Advance(TimeSpan.FromMinutes(10)); // an hour is clamped to SQS's 15 minutes
        Assert.True(queue.TryRead(out var capped));
        Assert.Equal("capped", capped.Name);
    }

    [Fact]
    public async Task Completing_lets_readers_drain_then_stop_and_refuses_new_messages()
    {
        var queue = new ChannelCollectionQueue(time: _time);
        await queue.EnqueueManyAsync([Npm("one"), Npm("two"), Npm("three", delay: TimeSpan.FromMinutes(1))]);

        queue.Complete();

        Assert.Equal(2, (await queue.ReadBatchAsync(10)).Count);
        Assert.Empty(await queue.ReadBatchAsync(10));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(queue.TryRead(out _));
        var late = await queue.EnqueueManyAsync([Npm("four")]);
        Assert.Equal("queue is closed", Assert.Single(late.Failed).Reason);
    }

    [Fact]
    public async Task Messages_for_unsupported_ecosystems_are_refused()
    {
        using var queue = new ChannelCollectionQueue(time: _time);

        var result = await queue.EnqueueManyAsync([new CollectionMessage { Ecosystem = "cargo", Name = "serde" }]);

        Assert.Equal(0, result.Accepted);
        Assert.Single(result.Failed);
    }
}
