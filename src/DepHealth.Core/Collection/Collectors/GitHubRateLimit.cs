namespace DepHealth.Core.Collection.Collectors;

/// <summary>
/// What GitHub last said about the primary rate limit (<c>x-ratelimit-remaining</c>/<c>-reset</c>), and
/// reservations against it, so a collection is skipped rather than run into the limit. Thread-safe, per process.
/// </summary>
public sealed class GitHubRateLimit(TimeProvider time)
{
    private readonly Lock _lock = new();
    private long? _remaining;
    private DateTimeOffset _reset;

    /// <summary>Calls kept in reserve (e.g. for other processes sharing the token).</summary>
    public int Reserve { get; init; }

    /// <summary>Reserves <paramref name="calls"/> requests; false when the known remaining budget cannot cover them before the reset.</summary>
    public bool TryReserve(int calls)
    {
        lock (_lock)
        {
            if (_remaining is null || time.GetUtcNow() >= _reset)
                return true;
            if (_remaining.Value - calls < Reserve)
                return false;
            _remaining -= calls;
            return true;
        }
    }

    public void Observe(long? remaining, long? resetEpochSeconds)
    {
        if (remaining is null)
            return;
        lock (_lock)
        {
            var reset = resetEpochSeconds is { } r ? DateTimeOffset.FromUnixTimeSeconds(r) : time.GetUtcNow().AddHours(1);
            // Responses arrive out of order: within one window keep the lowest count seen.
            if (_remaining is null || reset > _reset || remaining < _remaining)
                _remaining = remaining;
            if (reset > _reset)
                _reset = reset;
        }
    }

    public long? Remaining
    {
        get { lock (_lock) return _remaining; }
    }
}
