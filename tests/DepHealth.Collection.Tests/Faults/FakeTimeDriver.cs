using System.Diagnostics;
using DepHealth.Emulator.Upstream.Hosting;

namespace DepHealth.Collection.Tests.Faults;

/// <summary>
/// Runs a collection whose retry delays and timeouts live on fake time. When the system has settled (no timer
/// created or changed and no request arrived at the emulator since the last look, and every request the emulator
/// is handling is one a Timeout/SlowBody fault holds), it advances fake time exactly to the next pending timer due
/// within <see cref="MaxStep"/>. A timeout timer (its duration is one of <see cref="Timeouts"/>) is a candidate only
/// while the emulator holds a request: a call merely in transit is never timed out by the driver. Nothing waits for
/// time to pass: real waiting only lets loopback I/O finish; fake time moves only to timers the code under test set.
/// </summary>
public sealed class FakeTimeDriver(TimerTrackingTimeProvider time, RequestLog log)
{
    /// <summary>Longest single advance: above any retry delay or attempt timeout of the faulted upstream, below the healthy upstreams' timeouts.</summary>
    public TimeSpan MaxStep { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Real time after which a stuck collection fails the test instead of hanging it.</summary>
    public TimeSpan RealLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the state is looked at (real time; only I/O happens in between).</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Durations of the attempt and total timeouts in play.</summary>
    public IReadOnlySet<TimeSpan> Timeouts { get; init; } = new HashSet<TimeSpan>();

    /// <summary>Fake time added by the advances of the last run.</summary>
    public TimeSpan Advanced { get; private set; }

    public async Task<T> RunAsync<T>(Func<Task<T>> run)
    {
        Advanced = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        var task = run();
        long lastVersion = -1, lastArrivals = -1;
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(Poll));
            if (task.IsCompleted)
                break;
            if (watch.Elapsed > RealLimit)
                throw new TimeoutException($"collection still running after {RealLimit.TotalSeconds} s real time (fake time advanced {Advanced})");
            var version = time.Version;
            var arrivals = log.Arrivals;
            var settled = version == lastVersion && arrivals == lastArrivals && log.InFlight == log.Held;
            lastVersion = version;
            lastArrivals = arrivals;
            var held = log.Held > 0;
            if (!settled || time.NextDue(d => held || !Timeouts.Contains(d)) is not { } due)
                continue;
            var step = due - time.GetUtcNow();
            if (step > MaxStep)
                continue;
            if (step > TimeSpan.Zero)
            {
                time.Advance(step);
                Advanced += step;
            }
        }
        return await task;
    }
}
