using DepHealth.Core.Packages;

namespace DepHealth.Core.Storage;

/// <summary>
/// The packages table's schedule indexes (tier-index, data-status-index): which packages are due for a refresh or a
/// retry of incomplete data, and the claim that stops two dispatcher runs from queueing one retry twice.
/// </summary>
public interface IPackageScheduleStore
{
    /// <summary>Keys of <paramref name="tier"/> whose <c>last_updated</c> is at or before <paramref name="updatedBefore"/>, every page of tier-index.</summary>
    Task<IReadOnlyList<PackageKey>> GetTierDueAsync(int tier, DateTimeOffset updatedBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> full records with <c>data_status = <paramref name="dataStatus"/></c> and
    /// <c>next_retry_at</c> at or before <paramref name="now"/> (data-status-index keys, then the records themselves).
    /// </summary>
    Task<IReadOnlyList<PackageRecord>> GetRetryDueAsync(string dataStatus, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets <c>retry_dispatched_at = now</c> only if the record is still due (same data_status, next_retry_at ≤ now,
    /// retry_count below <paramref name="maxRetryCount"/>) and was not dispatched after <paramref name="redispatchAfter"/>.
    /// False when another run claimed it first or a collection changed it meanwhile.
    /// </summary>
    Task<bool> TryClaimRetryAsync(PackageKey key, string dataStatus, DateTimeOffset now, DateTimeOffset redispatchAfter,
        int maxRetryCount, CancellationToken cancellationToken = default);

    /// <summary>Undoes this run's claim (set at <paramref name="claimedAt"/>) when the message could not be queued.</summary>
    Task ReleaseRetryClaimAsync(PackageKey key, DateTimeOffset claimedAt, CancellationToken cancellationToken = default);
}
