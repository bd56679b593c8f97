using DepHealth.Lambda.Events;

namespace DepHealth.Lambda.Sqs;

/// <summary>Processes the messages of one SQS batch (concurrently, bounded, as it sees fit); one result per message, in order.</summary>
public interface ISqsBatchProcessor
{
    /// <summary>Never throws for one message; <paramref name="cancellationToken"/> fires shortly before the deadline.</summary>
    Task<IReadOnlyList<SqsMessageResult>> ProcessAsync(IReadOnlyList<SQSMessage> messages, CancellationToken cancellationToken);
}
