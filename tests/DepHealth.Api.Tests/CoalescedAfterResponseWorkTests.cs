using DepHealth.Core.Api;

namespace DepHealth.Api.Tests;

/// <summary>The Kestrel host's background usage flush: never awaited by a request, one run at a time, nothing asked for is skipped.</summary>
public sealed class CoalescedAfterResponseWorkTests
{
    /// <summary>Work whose runs block until released, counting starts and finishes.</summary>
    private sealed class GatedWork : IAfterResponseWork
    {
        private readonly SemaphoreSlim _release = new(0);
        private readonly SemaphoreSlim _started = new(0);
        private int _running;
        public int Starts;
        public int Finished;
        public int MaxConcurrent;
        public Exception? Throw;

        public async ValueTask RunAfterResponseAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Starts);
            var now = Interlocked.Increment(ref _running);
            MaxConcurrent = Math.Max(MaxConcurrent, now);
            _started.Release();
            await _release.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref Finished);
            if (Throw is { } e)
            {
                Throw = null;
                throw e;
            }
        }

        public Task<bool> WaitStartedAsync() => _started.WaitAsync(TimeSpan.FromSeconds(30));
        public void Release() => _release.Release();
    }

    [Fact]
    public async Task Schedule_returns_while_the_work_is_still_running()
    {
        var work = new GatedWork();
        var coalesced = new CoalescedAfterResponseWork(work);

        coalesced.Schedule();
        Assert.True(await work.WaitStartedAsync());
        Assert.Equal(0, work.Finished);

        work.Release();
        await coalesced.DrainAsync();
        Assert.Equal(1, work.Finished);
    }

    [Fact]
    public async Task Requests_during_a_run_cause_exactly_one_more_run_never_two_at_once()
    {
        var work = new GatedWork();
        var coalesced = new CoalescedAfterResponseWork(work);

        coalesced.Schedule();
        Assert.True(await work.WaitStartedAsync());
        for (var i = 0; i < 10; i++)
            coalesced.Schedule();
        work.Release();
        Assert.True(await work.WaitStartedAsync()); // the one follow-up run covers all ten
        work.Release();
        await coalesced.DrainAsync();

        Assert.Equal(2, work.Starts);
        Assert.Equal(2, work.Finished);
        Assert.Equal(1, work.MaxConcurrent);
    }

    [Fact]
    public async Task A_failed_run_is_reported_and_the_next_request_runs_the_work_again()
    {
        var work = new GatedWork { Throw = new InvalidOperationException("store down") };
        var errors = new List<Exception>();
        var coalesced = new CoalescedAfterResponseWork(work, e => errors.Add(e));

        coalesced.Schedule();
        work.Release();
        await coalesced.DrainAsync();
        Assert.Equal("store down", Assert.Single(errors).Message);

        coalesced.Schedule();
        work.Release();
        await coalesced.DrainAsync();
        Assert.Equal(2, work.Finished);
        Assert.Single(errors);
    }

    [Fact]
    public async Task Drain_with_nothing_scheduled_completes_at_once()
    {
        var coalesced = new CoalescedAfterResponseWork(new GatedWork());
        await coalesced.DrainAsync();
    }
}
