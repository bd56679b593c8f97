namespace DepHealth.Emulator.Upstream.Hosting;

/// <summary>
/// GitHub's primary rate limit: a budget per caller (per Authorization value; one shared anonymous bucket) per hour window,
/// reset on the emulator's clock. Conditional requests answered 304 with an Authorization header are free, as on GitHub.
/// </summary>
public sealed class GitHubRateLimiter
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly object _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private int _limit;

    internal GitHubRateLimiter(TimeProvider clock, int limit)
    {
        _clock = clock;
        Limit = limit;
    }

    /// <summary>Requests per window and caller; changing it starts every caller on a fresh window.</summary>
    public int Limit
    {
        get { lock (_gate) return _limit; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (_gate)
            {
                _limit = value;
                _buckets.Clear();
            }
        }
    }

    /// <summary>Status of an exhausted budget: 403 (GitHub's usual) or 429.</summary>
    public int ExhaustedStatus { get; set; } = 403;

    /// <summary>Sets what remains for a caller (<c>null</c> = anonymous) in the current window.</summary>
    public void SetRemaining(string? authorization, int remaining)
    {
        lock (_gate)
        {
            var b = BucketOf(authorization ?? "");
            b.Used = Math.Max(0, _limit - remaining);
        }
    }

    /// <summary>What a caller has left now.</summary>
    public RateLimitState Peek(string? authorization)
    {
        lock (_gate)
            return StateOf(BucketOf(authorization ?? ""));
    }

    internal DateTimeOffset ClockNow() => _clock.GetUtcNow();

    internal void Reset()
    {
        lock (_gate)
            _buckets.Clear();
    }

    /// <summary>Counts one request unless the budget is spent; returns the state to report.</summary>
    internal (bool Allowed, RateLimitState State) TryConsume(string? authorization, bool free)
    {
        lock (_gate)
        {
            var b = BucketOf(authorization ?? "");
            if (!free && b.Used >= _limit)
                return (false, StateOf(b));
            if (!free)
                b.Used++;
            return (true, StateOf(b));
        }
    }

    /// <summary>Gives back a request counted before it turned out to be free (a 304 with Authorization).</summary>
    internal RateLimitState Refund(string? authorization)
    {
        lock (_gate)
        {
            var b = BucketOf(authorization ?? "");
            b.Used = Math.Max(0, b.Used - 1);
            return StateOf(b);
        }
    }

    private Bucket BucketOf(string key)
    {
        var now = _clock.GetUtcNow();
        if (!_buckets.TryGetValue(key, out var b) || now >= b.ResetAt)
            _buckets[key] = b = new Bucket { ResetAt = now + Window };
        return b;
    }

    private RateLimitState StateOf(Bucket b) => new(_limit, Math.Max(0, _limit - b.Used), b.Used, b.ResetAt);

    private sealed class Bucket
    {
        public int Used;
        public DateTimeOffset ResetAt;
    }
}

/// <summary>The figures GitHub reports in its <c>x-ratelimit-*</c> headers.</summary>
public readonly record struct RateLimitState(int Limit, int Remaining, int Used, DateTimeOffset ResetAt)
{
    public long ResetEpochSeconds => ResetAt.ToUnixTimeSeconds();
}
