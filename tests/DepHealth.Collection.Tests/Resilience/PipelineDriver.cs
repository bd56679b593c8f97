using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Resilience;

/// <summary>A <see cref="FakeTimeProvider"/> that reports every timer created on it (with its due time).</summary>
public sealed class ObservedFakeTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    public ObservedFakeTimeProvider() : this(DateTimeOffset.Parse("2026-11-27T12:00:00Z")) { }

    public event Action<TimeSpan>? TimerCreated;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        TimerCreated?.Invoke(dueTime);
        return timer;
    }
}

/// <summary>
/// Runs a call whose retry delays live on fake time: when the pipeline announces a retry delay and the
/// timer for exactly that delay exists, it advances fake time by that delay, once. Nothing sleeps, and
/// fake time moves only by the delays the pipeline chose, so timeouts never fire by accident.
/// </summary>
public sealed class PipelineDriver
{
    private readonly ObservedFakeTimeProvider _time;
    private readonly SemaphoreSlim _ready = new(0);
    private readonly Lock _lock = new();
    private TimeSpan? _announced;

    public PipelineDriver(ObservedFakeTimeProvider time)
    {
        _time = time;
        time.TimerCreated += due =>
        {
            lock (_lock)
            {
                // Task.Delay keeps whole milliseconds of the delay it was given.
                if (_announced is { } announced && (announced - due).Duration() <= TimeSpan.FromMilliseconds(1))
                    _ready.Release();
            }
        };
    }

    /// <summary>Call from the pipeline's OnRetry with the delay it chose.</summary>
    public ValueTask RetryAnnounced(TimeSpan delay)
    {
        lock (_lock)
            _announced = delay;
        return ValueTask.CompletedTask;
    }

    public async Task<T> DriveAsync<T>(Func<Task<T>> run)
    {
        var task = run();
        while (!task.IsCompleted)
        {
            var ready = _ready.WaitAsync();
            if (await Task.WhenAny(task, ready) != ready)
                break;
            TimeSpan delay;
            lock (_lock)
            {
                delay = _announced!.Value;
                _announced = null;
            }
            _time.Advance(delay + TimeSpan.FromMilliseconds(1));
        }
        return await task;
    }
}
