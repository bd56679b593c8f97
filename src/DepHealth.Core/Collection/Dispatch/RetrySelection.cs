using DepHealth.Core.Packages;

namespace DepHealth.Core.Collection.Dispatch;

/// <summary>
/// Which incomplete records a retry run takes (reference §4.10): partial or minimal, retry time come, fewer than
/// <see cref="DispatchOptions.MaxRetryCount"/> retries, not dispatched within <see cref="DispatchOptions.RedispatchAfter"/>;
/// earliest retry first, at most <see cref="DispatchOptions.MaxRetriesPerRun"/>.
/// </summary>
public static class RetrySelection
{
    /// <summary>The data statuses worth retrying; complete and abandoned_minimal records are not.</summary>
    public static readonly IReadOnlyList<string> RetriedStatuses = [DataStatus.Partial, DataStatus.Minimal];

    public static bool IsDue(PackageRecord record, DateTimeOffset now, DispatchOptions options) =>
        record.DataStatus is DataStatus.Partial or DataStatus.Minimal
        && record.NextRetryAt is { } next && next <= now
        && (record.RetryCount ?? 0) < options.MaxRetryCount
        && (record.RetryDispatchedAt is not { } dispatched || dispatched < now - options.RedispatchAfter);

    public static IReadOnlyList<PackageRecord> Select(IEnumerable<PackageRecord> candidates, DateTimeOffset now, DispatchOptions options) =>
        candidates
            .Where(r => IsDue(r, now, options))
            .DistinctBy(r => PackageRecord.KeyOf(r.Ecosystem, r.Name))
            .OrderBy(r => r.NextRetryAt)
            .Take(options.MaxRetriesPerRun)
            .ToList();
}
