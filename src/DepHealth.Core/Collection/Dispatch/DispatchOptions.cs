using DepHealth.Core.Collection.Queue;

namespace DepHealth.Core.Collection.Dispatch;

/// <summary>Settings of the refresh and retry dispatchers, with validated defaults (reference §4.2, §4.10).</summary>
public sealed class DispatchOptions
{
    /// <summary>Longest random delay of a tier-1 refresh message (the original's TIER1_JITTER_MAX, 300 s).</summary>
    public TimeSpan DailyJitterMax { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Longest random delay of a tier-2 refresh message (TIER2_JITTER_MAX, 600 s).</summary>
    public TimeSpan ThreeDayJitterMax { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Longest random delay of a tier-3 refresh message (TIER3_JITTER_MAX, 900 s, SQS's limit).</summary>
    public TimeSpan WeeklyJitterMax { get; init; } = TimeSpan.FromSeconds(900);

    /// <summary>
    /// A package is due for its tier's refresh when its last collection is older than this share of the tier's
    /// interval, so packages collected since the previous run (discovery, retries) are not fetched again.
    /// </summary>
    public double DueFraction { get; init; } = 0.75;

    /// <summary>Longest random delay of a retry message (the original's randint(0, 300)).</summary>
    public TimeSpan RetryJitterMax { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Most retries queued by one run, split evenly between partial and minimal records (MAX_DISPATCH_PER_RUN).</summary>
    public int MaxRetriesPerRun { get; init; } = 300;

    /// <summary>A record dispatched for a retry is not dispatched again before this long (a message still in flight).</summary>
    public TimeSpan RedispatchAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Records retried this many times are left alone (<see cref="DataStatus.MaxRetryCount"/>).</summary>
    public int MaxRetryCount { get; init; } = DataStatus.MaxRetryCount;

    /// <summary>Messages handed to the queue per call, so a long tier is sent in steps that a deadline can stop between.</summary>
    public int EnqueueChunk { get; init; } = 500;

    public TimeSpan JitterMax(int tier) => RefreshTiers.Normalize(tier) switch
    {
        RefreshTiers.Daily => DailyJitterMax,
        RefreshTiers.ThreeDay => ThreeDayJitterMax,
        _ => WeeklyJitterMax,
    };

    /// <summary>Packages of <paramref name="tier"/> last updated at or before this instant are due at <paramref name="now"/>.</summary>
    public DateTimeOffset DueBefore(int tier, DateTimeOffset now) => now - RefreshTiers.Interval(tier) * DueFraction;

    /// <summary>Throws when a value is out of range.</summary>
    public DispatchOptions Validate()
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(DailyJitterMax), DailyJitterMax), (nameof(ThreeDayJitterMax), ThreeDayJitterMax),
                     (nameof(WeeklyJitterMax), WeeklyJitterMax), (nameof(RetryJitterMax), RetryJitterMax),
                 })
        {
            if (value < TimeSpan.Zero || value > CollectionMessage.MaxDelay)
                throw new ArgumentOutOfRangeException(name, $"DispatchOptions.{name} must be 0..{CollectionMessage.MaxDelay.TotalSeconds} s (SQS DelaySeconds)");
        }
        if (DueFraction is <= 0 or > 1 || double.IsNaN(DueFraction))
            throw new ArgumentOutOfRangeException(nameof(DueFraction), "DispatchOptions.DueFraction must be in (0, 1]");
        if (MaxRetriesPerRun is < 2 or > 10_000)
            throw new ArgumentOutOfRangeException(nameof(MaxRetriesPerRun), "DispatchOptions.MaxRetriesPerRun must be 2..10000");
        if (RedispatchAfter < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(RedispatchAfter), "DispatchOptions.RedispatchAfter must not be negative");
        if (MaxRetryCount is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(MaxRetryCount), "DispatchOptions.MaxRetryCount must be 1..100");
        if (EnqueueChunk is < 10 or > 100_000)
            throw new ArgumentOutOfRangeException(nameof(EnqueueChunk), "DispatchOptions.EnqueueChunk must be 10..100000");
        return this;
    }
}
