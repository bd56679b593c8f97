namespace DepHealth.Core.Api;

/// <summary>
/// Runs after-response work in the background for a long-lived host (Kestrel), at most one run at a time: a request
/// that completes while a run is in progress asks for exactly one more run, which then covers every request before it.
/// The next request on a keep-alive connection never waits for it (the usage flush is a DynamoDB round trip).
/// Lambda must not use this: its process may freeze between invocations, so it flushes before taking the next one.
/// </summary>
public sealed class CoalescedAfterResponseWork(IAfterResponseWork inner, Action<Exception>? onError = null)
{
    private readonly Lock _gate = new();
    private Task _running = Task.CompletedTask;
    private bool _active;
    private bool _again;

    /// <summary>Asks for a run after this point; returns at once.</summary>
    public void Schedule()
    {
        lock (_gate)
        {
            if (_active)
            {
                _again = true;
                return;
            }
            _active = true;
            _running = Task.Run(LoopAsync);
        }
    }

    /// <summary>Completes when every run asked for so far has finished (host shutdown).</summary>
    public async Task DrainAsync()
    {
        while (true)
        {
            Task running;
            lock (_gate)
            {
                if (!_active)
                    return;
                running = _running;
            }
            await running.ConfigureAwait(false);
        }
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            try
            {
                await inner.RunAfterResponseAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The usage meter keeps what it could not persist for the next run; the host only reports it.
                onError?.Invoke(e);
            }
            // Decided under the lock, so a Schedule either sees this loop active or starts a new one.
            lock (_gate)
            {
                if (!_again)
                {
                    _active = false;
                    return;
                }
                _again = false;
            }
        }
    }
}
