using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Collection;

/// <summary>Asks for packages to be collected (SQS in AWS, an in-process channel locally).</summary>
public interface ICollectionQueue
{
    /// <summary>Queues <paramref name="key"/>; <paramref name="reason"/> is e.g. "get_discovery" or "scan_discovery". Throws when it was not queued.</summary>
    async ValueTask EnqueueAsync(PackageKey key, string reason, CancellationToken cancellationToken = default)
    {
        var result = await EnqueueManyAsync([CollectionMessage.For(key, reason)], cancellationToken).ConfigureAwait(false);
        if (result.Failed.Count > 0)
            throw new CollectionQueueException($"{key} was not queued: {result.Failed[0].Reason}");
    }

    /// <summary>
    /// Queues every message (each held back by its own <see cref="CollectionMessage.Delay"/>, at most 15 minutes);
    /// never throws for a message that could not be queued: it is listed in <see cref="EnqueueResult.Failed"/>.
    /// </summary>
    ValueTask<EnqueueResult> EnqueueManyAsync(IReadOnlyList<CollectionMessage> messages, CancellationToken cancellationToken = default);
}

/// <summary>How many messages a queue accepted, and which it did not, with the reason.</summary>
public sealed record EnqueueResult(int Accepted, IReadOnlyList<EnqueueFailure> Failed)
{
    public static EnqueueResult Empty { get; } = new(0, []);
}

/// <summary>A message the queue did not take, and why.</summary>
public sealed record EnqueueFailure(CollectionMessage Message, string Reason);

/// <summary>A message could not be queued.</summary>
public sealed class CollectionQueueException(string message) : Exception(message);
