using DepHealth.Core.Collection.Queue;
using DepHealth.Lambda.Events;
using DepHealth.Lambda.Sqs;

namespace DepHealth.Lambda.Collection;

/// <summary>
/// Runs an SQS batch through Core's <see cref="CollectionProcessor"/> (dedup, bounded concurrent collection, store):
/// a failed collection is retried; a rejected message (not a collection request) is not, since no retry can fix it.
/// </summary>
public sealed class CollectionBatchProcessor(CollectionProcessor processor) : ISqsBatchProcessor
{
    public async Task<IReadOnlyList<SqsMessageResult>> ProcessAsync(IReadOnlyList<SQSMessage> messages, CancellationToken cancellationToken)
    {
        var outcomes = await processor.ProcessBodiesAsync(messages.Select(m => m.Body).ToList(), cancellationToken).ConfigureAwait(false);
        return outcomes.Select(o => new SqsMessageResult(o.ShouldRetry, Describe(o))).ToList();
    }

    private static string Describe(CollectionOutcome outcome)
    {
        var what = outcome.Key?.Pk ?? "(unparsed)";
        var status = outcome.Status.ToString().ToLowerInvariant();
        return outcome.Reason is null ? $"{what} {status}" : $"{what} {status}: {outcome.Reason}";
    }
}
