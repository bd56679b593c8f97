using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Faults;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which of its timers are still pending and when each is due, so a
/// driver can advance time exactly to the next retry delay or attempt timeout instead of guessing.
/// </summary>
public sealed class TimerTrackingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TrackedTimer, (DateTimeOffset Due, TimeSpan Duration)> _pending = [];
    private long _version;

    /// <summary>Changes whenever a timer is created, changed or disposed: "something is still happening".</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The earliest due time of a pending timer whose duration (as set) <paramref name="include"/> accepts, or null.</summary>
    public DateTimeOffset? NextDue(Func<TimeSpan, bool> include)
    {
        lock (_lock)
        {
            var due = _pending.Values.Where(t => include(t.Duration)).Select(t => (DateTimeOffset?)t.Due).Min();
            return due;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);
        // Fired one-shot timers leave the pending set through the wrapped callback.
        tracked.Inner = base.CreateTimer(s => { tracked.Fired(); callback(s); }, state, dueTime, period);
        tracked.Schedule(dueTime);
        return tracked;
    }

    private void Set(TrackedTimer timer, TimeSpan dueTime)
    {
        lock (_lock)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
                _pending.Remove(timer);
            else
                _pending[timer] = (GetUtcNow() + dueTime, dueTime);
        }
        Interlocked.Increment(ref _version);
    }

    private void Remove(TrackedTimer timer)
    {
        lock (_lock)
            _pending.Remove(timer);
        Interlocked.Increment(ref _version);
    }

    private sealed class TrackedTimer(TimerTrackingTimeProvider owner) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public void Schedule(TimeSpan dueTime) => owner.Set(this, dueTime);

        public void Fired() => owner.Remove(this);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Schedule(dueTime);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            owner.Remove(this);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            owner.Remove(this);
            return Inner.DisposeAsync();
        }
    }
}
