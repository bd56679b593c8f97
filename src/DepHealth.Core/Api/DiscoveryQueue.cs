using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Api;

/// <summary>Queues unknown packages for collection; a queue failure never fails the request that found them.</summary>
internal static class DiscoveryQueue
{
    public static async ValueTask<bool> TryEnqueueAsync(ICollectionQueue? queue, PackageKey key, string reason, CancellationToken ct)
    {
        if (queue is null)
            return false;
        try
        {
            await queue.EnqueueAsync(key, reason, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Queues all keys in one call (SQS: batches of 10); returns how many the queue accepted.</summary>
    public static async ValueTask<int> TryEnqueueManyAsync(ICollectionQueue? queue, IReadOnlyList<PackageKey> keys, string reason, CancellationToken ct)
    {
        if (queue is null || keys.Count == 0)
            return 0;
        try
        {
            var result = await queue.EnqueueManyAsync(keys.Select(k => CollectionMessage.For(k, reason)).ToList(), ct);
            return result.Accepted;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return 0;
        }
    }
}
