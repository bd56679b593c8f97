using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Collection.Dispatch;

/// <summary>
/// Re-queues records with incomplete data whose retry time has come (reference §4.10). Each selected record is
/// claimed first (a conditional <c>retry_dispatched_at</c> write), so overlapping runs never queue it twice; the
/// message forces a collection and counts as a retry; a claim whose message the queue refused is released, so the
/// next run finds the record again.
/// </summary>
public sealed class RetryDispatcher
{
    private const int ClaimConcurrency = 8;

    private readonly IPackageScheduleStore _store;
    private readonly ICollectionQueue _queue;
    private readonly TimeProvider _time;
    private readonly DispatchJitter _jitter;
    private readonly DispatchOptions _options;

    public RetryDispatcher(IPackageScheduleStore store, ICollectionQueue queue, TimeProvider? time = null,
        DispatchJitter? jitter = null, DispatchOptions? options = null)
    {
        _store = store;
        _queue = queue;
        _time = time ?? TimeProvider.System;
        _jitter = jitter ?? DispatchJitter.Shared;
        _options = (options ?? new DispatchOptions()).Validate();
    }

    public async Task<DispatchReport> DispatchAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var perStatus = _options.MaxRetriesPerRun / RetrySelection.RetriedStatuses.Count;
        var candidates = new List<PackageRecord>();
        foreach (var status in RetrySelection.RetriedStatuses)
            candidates.AddRange(await _store.GetRetryDueAsync(status, now, perStatus, cancellationToken).ConfigureAwait(false));
        var selected = RetrySelection.Select(candidates, now, _options);

        var claimed = new bool[selected.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, selected.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ClaimConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => claimed[i] = await _store.TryClaimRetryAsync(KeyOf(selected[i]), selected[i].DataStatus!, now,
                now - _options.RedispatchAfter, _options.MaxRetryCount, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var messages = selected.Where((_, i) => claimed[i]).Select(r => new CollectionMessage
        {
            Ecosystem = r.Ecosystem,
            Name = r.Name,
            Reason = CollectionReasons.Retry,
            ForceRefresh = true,
            Tier = RefreshTiers.Normalize(r.Tier),
            RequestedAt = now,
            Delay = _jitter.Next(_options.RetryJitterMax),
        }).ToList();
        var result = messages.Count == 0 ? EnqueueResult.Empty
            : await _queue.EnqueueManyAsync(messages, cancellationToken).ConfigureAwait(false);

        foreach (var failure in result.Failed)
        {
            try
            {
                await _store.ReleaseRetryClaimAsync(new PackageKey(failure.Message.Ecosystem, failure.Message.Name), now, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The claim then simply expires after RedispatchAfter; the record is retried an hour later.
            }
        }

        return new DispatchReport
        {
            Dispatcher = "retry",
            Reason = CollectionReasons.Retry,
            Found = candidates.Count,
            Dispatched = result.Accepted,
            Skipped = candidates.Count - messages.Count,
            Errors = result.Failed.Count,
        };
    }

    private static PackageKey KeyOf(PackageRecord record) => new(record.Ecosystem, record.Name);
}
