namespace DepHealth.Lambda.Runtime;

/// <summary>
/// Turns an invocation deadline into a cancellation that fires a margin before it, so the handler can
/// still answer (a 5xx or partial result) before Lambda kills the invocation.
/// </summary>
public static class DeadlineCancellation
{
    public static CancellationTokenSource Create(DateTimeOffset deadline, TimeSpan margin, TimeProvider timeProvider)
    {
        var delay = deadline - margin - timeProvider.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            var expired = new CancellationTokenSource();
            expired.Cancel();
            return expired;
        }
        return new CancellationTokenSource(delay, timeProvider);
    }
}
