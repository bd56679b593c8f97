using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Resilience;

/// <summary>
/// Runs a call whose retry delays live on a <see cref="FakeTimeProvider"/>: when a retry is announced it
/// advances fake time in small steps until the next attempt starts; real HTTP in between runs at real speed.
/// No sleeping: fake time moves only while the pipeline is waiting on it.
/// </summary>
public sealed class PipelineDriver(FakeTimeProvider time)
{
    private int _retriesAnnounced;
    private int _attemptsStarted;
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Call from the pipeline's OnRetry.</summary>
    public ValueTask RetryAnnounced()
    {
        Interlocked.Increment(ref _retriesAnnounced);
        _signal.Release();
        return ValueTask.CompletedTask;
    }

    /// <summary>Call at the start of each attempt.</summary>
    public void AttemptStarted()
    {
        Interlocked.Increment(ref _attemptsStarted);
        _signal.Release();
    }

    public int Attempts => Volatile.Read(ref _attemptsStarted);

    public async Task<T> DriveAsync<T>(Func<Task<T>> run)
    {
        var task = run();
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, _signal.WaitAsync());
            // Waiting on a retry delay: as many attempts started as retries announced (the first attempt is not a retry).
            while (!task.IsCompleted && Volatile.Read(ref _retriesAnnounced) >= Volatile.Read(ref _attemptsStarted))
            {
                time.Advance(TimeSpan.FromMilliseconds(50));
                await Task.Yield();
            }
        }
        return await task;
    }
}
