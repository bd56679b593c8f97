using DepHealth.Core.Storage;

namespace DepHealth.Core.Collection;

/// <summary>Asks for a package to be collected (SQS in AWS, an in-process channel locally).</summary>
public interface ICollectionQueue
{
    /// <summary>Queues <paramref name="key"/>; <paramref name="reason"/> is e.g. "get_discovery" or "scan_discovery".</summary>
    ValueTask EnqueueAsync(PackageKey key, string reason, CancellationToken cancellationToken = default);
}
