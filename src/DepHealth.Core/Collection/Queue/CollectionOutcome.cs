using DepHealth.Core.Storage;

namespace DepHealth.Core.Collection.Queue;

/// <summary>What became of one queued message.</summary>
public enum CollectionOutcomeStatus
{
    /// <summary>Collected, scored and written.</summary>
    Collected,
    /// <summary>Nothing to do: collected recently, unknown upstream, or a newer record is already stored.</summary>
    Skipped,
    /// <summary>Could not be collected now (upstreams or the store failed); the stored record is untouched. Retry it.</summary>
    Failed,
    /// <summary>Not a valid message (bad JSON, ecosystem or name): retrying cannot help.</summary>
    Rejected,
}

/// <summary>
/// The outcome of the message at <paramref name="Index"/> of a processed batch: its status, a short machine-readable
/// reason (e.g. <c>recently_collected</c>, <c>upstreams_failed: deps.dev=status_503; npm=timeout</c>) and, when a
/// collection ran, its result.
/// </summary>
public sealed record CollectionOutcome(
    int Index,
    CollectionMessage? Message,
    PackageKey? Key,
    CollectionOutcomeStatus Status,
    string? Reason,
    CollectionResult? Result = null)
{
    /// <summary>True when the message should be delivered again (SQS: report it as a batch item failure).</summary>
    public bool ShouldRetry => Status == CollectionOutcomeStatus.Failed;
}

/// <summary>Reasons of skipped, failed and rejected outcomes.</summary>
public static class OutcomeReasons
{
    public const string RecentlyCollected = "recently_collected";
    public const string NotFound = "not_found";
    /// <summary>Every upstream said "no such package" within the dedup window: not asked again.</summary>
    public const string RecentlyNotFound = "recently_not_found";
    public const string NewerRecordStored = "newer_record_stored";
    public const string Cancelled = "cancelled";
    public const string UpstreamsFailed = "upstreams_failed";
    public const string StoreReadFailed = "store_read_failed";
    public const string StoreWriteFailed = "store_write_failed";
    public const string CollectionFailed = "collection_failed";
}
