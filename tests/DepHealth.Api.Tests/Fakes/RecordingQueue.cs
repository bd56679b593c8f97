using System.Collections.Concurrent;
using DepHealth.Core.Collection;
using DepHealth.Core.Storage;

namespace DepHealth.Api.Tests.Fakes;

/// <summary>Remembers what was queued for collection.</summary>
public sealed class RecordingQueue : ICollectionQueue
{
    public ConcurrentQueue<(PackageKey Key, string Reason)> Items { get; } = new();

    public ValueTask EnqueueAsync(PackageKey key, string reason, CancellationToken cancellationToken = default)
    {
        Items.Enqueue((key, reason));
        return ValueTask.CompletedTask;
    }
}
