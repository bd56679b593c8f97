using System.Collections.Concurrent;
using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Storage;

namespace DepHealth.Api.Tests.Fakes;

/// <summary>Remembers what was queued for collection.</summary>
public sealed class RecordingQueue : ICollectionQueue
{
    public ConcurrentQueue<(PackageKey Key, string Reason)> Items { get; } = new();

    public ValueTask<EnqueueResult> EnqueueManyAsync(IReadOnlyList<CollectionMessage> messages, CancellationToken cancellationToken = default)
    {
        foreach (var message in messages)
            Items.Enqueue((new PackageKey(message.Ecosystem, message.Name), message.Reason));
        return ValueTask.FromResult(new EnqueueResult(messages.Count, []));
    }
}
