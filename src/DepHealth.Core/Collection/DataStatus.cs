using DepHealth.Core.Packages;

namespace DepHealth.Core.Collection;

/// <summary>
/// data_status and the retry schedule (reference §4.3 <c>_calculate_data_status</c> and retry fields):
/// nothing missing → complete; deps.dev missing → minimal (abandoned_minimal after 5 retries);
/// otherwise partial. Incomplete records are retried after 1, 2, 4, 8, then 24 hours, at most 5 times.
/// </summary>
public static class DataStatus
{
    public const string Complete = "complete";
    public const string Partial = "partial";
    public const string Minimal = "minimal";
    public const string AbandonedMinimal = "abandoned_minimal";
    public const int MaxRetryCount = 5;

    private static readonly int[] RetryHours = [1, 2, 4, 8, 24];

    /// <summary>Writes data_status, missing_sources, retry_count and next_retry_at.</summary>
    /// <param name="record">The record being completed.</param>
    /// <param name="missing">Sources that failed or were not configured.</param>
    /// <param name="retryCount">The stored retry count, already incremented when this collection is a retry.</param>
    /// <param name="now">Collection time.</param>
    public static void Apply(PackageRecord record, IReadOnlyList<string> missing, int retryCount, DateTimeOffset now)
    {
        record.MissingSources = [.. missing];
        if (missing.Count == 0)
        {
            record.DataStatus = Complete;
            record.RetryCount = 0;
            record.NextRetryAt = null;
            return;
        }

        record.RetryCount = retryCount;
        var status = missing.Contains(SourceFields.DepsDev) ? Minimal : Partial;
        if (status == Minimal && retryCount >= MaxRetryCount)
        {
            record.DataStatus = AbandonedMinimal;
            record.NextRetryAt = null;
            return;
        }
        record.DataStatus = status;
        record.NextRetryAt = retryCount >= MaxRetryCount ? null : now.AddHours(RetryHours[Math.Min(retryCount, RetryHours.Length - 1)]);
    }
}
