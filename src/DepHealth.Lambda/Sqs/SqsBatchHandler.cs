using System.Text.Json;
using DepHealth.Lambda.Events;
using DepHealth.Lambda.Json;
using DepHealth.Lambda.Runtime;

namespace DepHealth.Lambda.Sqs;

/// <summary>
/// An SQS event source with <c>ReportBatchItemFailures</c>: event → processor → <c>{"batchItemFailures":[…]}</c>
/// listing exactly the messages to deliver again; SQS deletes the others. A message without an id that must be
/// retried is reported with an empty id, which makes Lambda retry the whole batch rather than lose it.
/// An event that is not an SQS batch, or a processor that fails as a whole, fails the invocation (the whole batch
/// returns after the visibility timeout).
/// </summary>
public sealed class SqsBatchHandler(ISqsBatchProcessor processor, TextWriter? log = null) : ILambdaHandler
{
    private readonly TextWriter _log = log ?? Console.Error;

    public async ValueTask<ReadOnlyMemory<byte>> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        var batch = JsonSerializer.Deserialize(invocation.Payload.Span, LambdaJsonContext.Default.SQSEvent)
            ?? throw new JsonException("the event is JSON null, not an SQS batch");
        var response = new SQSBatchResponse();
        if (batch.Records.Count > 0)
        {
            var results = await processor.ProcessAsync(batch.Records, cancellationToken).ConfigureAwait(false);
            if (results.Count != batch.Records.Count)
                throw new InvalidOperationException($"the processor returned {results.Count} results for {batch.Records.Count} messages");

            for (var i = 0; i < results.Count; i++)
            {
                var id = batch.Records[i].MessageId;
                if (results[i].Retry)
                {
                    response.BatchItemFailures.Add(new SQSBatchItemFailure { ItemIdentifier = id ?? "" });
                    _log.WriteLine($"message {id ?? "(no id)"} will be retried: {results[i].Detail}");
                }
                else if (results[i].Detail is { } detail)
                {
                    _log.WriteLine($"message {id ?? "(no id)"} done: {detail}");
                }
            }
        }
        return JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.SQSBatchResponse);
    }
}
