using System.Threading.Channels;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Collection.Queue;

/// <summary>
/// The in-process collection queue of the local server: a bounded channel of keys. A key already waiting is not
/// queued twice (a later <c>force_refresh</c> is folded into the waiting message); delayed messages wait on the
/// injected <see cref="TimeProvider"/>'s timers. A full queue refuses new keys instead of blocking the request
/// that found them.
/// </summary>
public sealed class ChannelCollectionQueue : ICollectionQueue, IDisposable
{
    private readonly Channel<PackageKey> _channel;
    private readonly Dictionary<PackageKey, CollectionMessage> _pending = [];
    private readonly HashSet<ITimer> _timers = [];
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private bool _disposed;

    /// <param name="capacity">Most distinct keys waiting at once (delayed ones count from when they become due).</param>
    /// <param name="time">Clock of the delays and of <c>requested_at</c>; the system clock by default.</param>
    public ChannelCollectionQueue(int capacity = 10_000, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _time = time ?? TimeProvider.System;
        _channel = Channel.CreateBounded<PackageKey>(new BoundedChannelOptions(capacity)
        {
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full; nothing is dropped silently
        });
    }

    public int Capacity { get; }

    /// <summary>Keys waiting to be read (not counting delayed ones still on their timer).</summary>
    public int Count
    {
        get { lock (_lock) return _pending.Count; }
    }

    public ValueTask<EnqueueResult> EnqueueManyAsync(IReadOnlyList<CollectionMessage> messages, CancellationToken cancellationToken = default)
    {
        var accepted = 0;
        List<EnqueueFailure>? failed = null;
        foreach (var message in messages)
        {
            var reason = message.EffectiveDelay > TimeSpan.Zero ? Schedule(message) : TryAdd(message);
            if (reason is null) accepted++;
            else (failed ??= []).Add(new EnqueueFailure(message, reason));
        }
        return ValueTask.FromResult(new EnqueueResult(accepted, (IReadOnlyList<EnqueueFailure>?)failed ?? []));
    }

    /// <summary>Waits for the next message; completes with false when the queue was completed and drained.</summary>
    public async ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
        await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Takes the next waiting message, if any; the key may be queued again from this moment.</summary>
    public bool TryRead(out CollectionMessage message)
    {
        while (_channel.Reader.TryRead(out var key))
        {
            lock (_lock)
            {
                if (_pending.Remove(key, out message!))
                    return true;
            }
        }
        message = null!;
        return false;
    }

    /// <summary>Takes up to <paramref name="max"/> waiting messages, waiting for at least one; empty once completed and drained.</summary>
    public async ValueTask<IReadOnlyList<CollectionMessage>> ReadBatchAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var batch = new List<CollectionMessage>(Math.Min(max, 16));
        while (batch.Count == 0 && await WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (batch.Count < max && TryRead(out var message))
                batch.Add(message);
        }
        return batch;
    }

    /// <summary>No more messages: readers drain what waits, then stop; pending timers are cancelled.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var timer in _timers)
                timer.Dispose();
            _timers.Clear();
        }
        _channel.Writer.TryComplete();
    }

    public void Dispose() => Complete();

    private string? TryAdd(CollectionMessage message)
    {
        if (!message.TryGetKey(out var key))
            return $"unsupported ecosystem '{message.Ecosystem}' or empty name";
        var stamped = message.RequestedAt is null ? message with { RequestedAt = _time.GetUtcNow() } : message;
        lock (_lock)
        {
            if (_disposed)
                return "queue is closed";
            if (_pending.TryGetValue(key, out var waiting))
            {
                // Already waiting: one collection serves both; keep the stronger request.
                if (stamped.ForceRefresh && !waiting.ForceRefresh)
                    _pending[key] = waiting with { ForceRefresh = true };
                return null;
            }
            if (!_channel.Writer.TryWrite(key))
                return _channel.Reader.Completion.IsCompleted ? "queue is closed" : $"queue is full ({Capacity} waiting)";
            _pending[key] = stamped with { Name = key.Name, Ecosystem = key.Ecosystem };
            return null;
        }
    }

    private string? Schedule(CollectionMessage message)
    {
        if (!message.TryGetKey(out _))
            return $"unsupported ecosystem '{message.Ecosystem}' or empty name";
        var due = message with { Delay = TimeSpan.Zero, RequestedAt = message.RequestedAt ?? _time.GetUtcNow() };
        lock (_lock)
        {
            if (_disposed)
                return "queue is closed";
            ITimer? timer = null;
            timer = _time.CreateTimer(_ =>
            {
                lock (_lock)
                {
                    if (!_timers.Remove(timer!))
                        return; // completed meanwhile
                }
                timer!.Dispose();
                TryAdd(due);
            }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timers.Add(timer);
            timer.Change(message.EffectiveDelay, Timeout.InfiniteTimeSpan);
        }
        return null;
    }
}
