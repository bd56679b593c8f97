using DepHealth.Core.Collection;
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
}
