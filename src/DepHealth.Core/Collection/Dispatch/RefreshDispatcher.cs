using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Collection.Dispatch;

/// <summary>
/// Queues the packages of one refresh tier that are due (reference §4.2): tier-index keys whose last collection is
/// older than <see cref="DispatchOptions.DueFraction"/> of the tier's interval, each message held back by a random
/// delay within the tier's jitter window so the upstreams see a spread, not a burst.
/// </summary>
public sealed class RefreshDispatcher
{
    private readonly IPackageScheduleStore _store;
    private readonly ICollectionQueue _queue;
    private readonly TimeProvider _time;
    private readonly DispatchJitter _jitter;
    private readonly DispatchOptions _options;

    public RefreshDispatcher(IPackageScheduleStore store, ICollectionQueue queue, TimeProvider? time = null,
        DispatchJitter? jitter = null, DispatchOptions? options = null)
    {
        _store = store;
        _queue = queue;
        _time = time ?? TimeProvider.System;
        _jitter = jitter ?? DispatchJitter.Shared;
        _options = (options ?? new DispatchOptions()).Validate();
    }

    /// <summary>Dispatches <paramref name="tier"/> (an unknown or missing tier is tier 3, as the original); <paramref name="reason"/> defaults to the tier's.</summary>
    public async Task<DispatchReport> DispatchAsync(int? tier, string? reason = null, CancellationToken cancellationToken = default)
    {
        var t = RefreshTiers.Normalize(tier);
        reason = string.IsNullOrWhiteSpace(reason) ? RefreshTiers.ReasonOf(t) : reason.Trim();
        var now = _time.GetUtcNow();
        var keys = await _store.GetTierDueAsync(t, _options.DueBefore(t, now), cancellationToken).ConfigureAwait(false);

        var window = _options.JitterMax(t);
        var dispatched = 0;
        var errors = 0;
        var incomplete = false;
        foreach (var chunk in keys.Chunk(_options.EnqueueChunk))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                incomplete = true;
                break;
            }
            var messages = chunk.Select(key => new CollectionMessage
            {
                Ecosystem = key.Ecosystem,
                Name = key.Name,
                Reason = reason,
                Tier = t,
                RequestedAt = now,
                Delay = _jitter.Next(window),
            }).ToList();
            try
            {
                var result = await _queue.EnqueueManyAsync(messages, cancellationToken).ConfigureAwait(false);
                dispatched += result.Accepted;
                errors += result.Failed.Count;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                incomplete = true;
                break;
            }
        }

        return new DispatchReport
        {
            Dispatcher = "refresh",
            Tier = t,
            Reason = reason,
            Found = keys.Count,
            Dispatched = dispatched,
            Errors = errors,
            Incomplete = incomplete,
        };
    }
}
