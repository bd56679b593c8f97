using DepHealth.Core.Collection.Configuration;

namespace DepHealth.Core.Collection.Resilience;

/// <summary>
/// Timeouts, retries and the circuit breaker of one upstream, with validated defaults.
/// Circuit breaker mapping of reference §4.9 ("open after N consecutive failures, retry after T s"):
/// Polly's breaker is ratio-based, so it opens when the sampling window holds at least N attempts and at
/// least <see cref="CircuitFailureRatio"/> of them failed; BreakDuration is T. The ratio is 0.5, not 1.0:
/// with 1.0 a single success in the window kept the circuit closed however many failures followed (the
/// fault tests showed 75 straight GitHub 500s with the breaker still closed). Polly half-opens with one probe
/// call and closes on its success (the original needed 2–3 successes: not expressible, documented).
/// </summary>
public sealed class UpstreamResilienceOptions
{
    /// <summary>Whole call including retries and their delays.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One attempt (connect, headers and capped body).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt (3 attempts in all, like the original).</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Median first retry delay of the jittered exponential backoff (the original's base 1 s).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A Retry-After longer than this is capped: past it the retry would outlive the call anyway.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Failed attempts that open the circuit (§4.9 failure_threshold): the window's minimum throughput.</summary>
    public int CircuitFailureThreshold { get; set; } = 10;

    /// <summary>How long the circuit stays open (§4.9 timeout).</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Share of the window's attempts that must have failed (with at least <see cref="CircuitFailureThreshold"/> attempts) to open.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Window in which the failures are counted.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The §4.9 defaults for an upstream: GitHub and bundlephobia open after 5 failures for 120 s, the rest after 10 for 60 s.</summary>
    public static UpstreamResilienceOptions For(Upstream upstream) => upstream switch
    {
        Upstream.GitHub or Upstream.Bundlephobia => new UpstreamResilienceOptions
        {
            CircuitFailureThreshold = 5,
            CircuitBreakDuration = TimeSpan.FromSeconds(120),
        },
        _ => new UpstreamResilienceOptions(),
    };

    public void Validate()
    {
        if (TotalTimeout <= TimeSpan.Zero || TotalTimeout > TimeSpan.FromMinutes(5))
            throw new ArgumentOutOfRangeException(nameof(TotalTimeout), "must be in (0, 5 min]");
        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TotalTimeout)
            throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), "must be in (0, TotalTimeout]");
        if (MaxRetryAttempts is < 0 or > 10)
            throw new ArgumentOutOfRangeException(nameof(MaxRetryAttempts), "must be in [0, 10]");
        if (BaseDelay < TimeSpan.Zero || BaseDelay > MaxDelay)
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), "must be in [0, MaxDelay]");
        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > TotalTimeout)
            throw new ArgumentOutOfRangeException(nameof(MaxRetryAfter), "must be in [0, TotalTimeout]");
        if (CircuitFailureThreshold < 2)
            throw new ArgumentOutOfRangeException(nameof(CircuitFailureThreshold), "must be at least 2 (Polly's minimum throughput)");
        if (!(CircuitFailureRatio > 0 && CircuitFailureRatio <= 1))
            throw new ArgumentOutOfRangeException(nameof(CircuitFailureRatio), "must be in (0, 1]");
        if (CircuitBreakDuration < TimeSpan.FromMilliseconds(500))
            throw new ArgumentOutOfRangeException(nameof(CircuitBreakDuration), "must be at least 0.5 s (Polly's minimum)");
        if (CircuitSamplingDuration < TimeSpan.FromMilliseconds(500))
            throw new ArgumentOutOfRangeException(nameof(CircuitSamplingDuration), "must be at least 0.5 s (Polly's minimum)");
    }
}
