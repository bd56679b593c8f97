using System.Globalization;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using DepHealth.Core.Http;

namespace DepHealth.Core.Collection.Queue;

/// <summary>
/// The collection queue on SQS: <c>SendMessageBatch</c> in groups of 10 (several groups in flight), each message
/// with its own <c>DelaySeconds</c> (0..900). The client is created on first send, over the process-wide pooled
/// HTTP handler, so a function that never queues pays nothing at start.
/// </summary>
public sealed class SqsCollectionQueue : ICollectionQueue, IDisposable
{
    /// <summary>SQS takes at most 10 entries per SendMessageBatch.</summary>
    public const int BatchSize = 10;

    private readonly Lazy<IAmazonSQS> _client;
    private readonly TimeProvider _time;

    public SqsCollectionQueue(SqsQueueSettings settings, TimeProvider? time = null)
    {
        settings.Validate();
        Settings = settings;
        _time = time ?? TimeProvider.System;
        _client = new Lazy<IAmazonSQS>(() => CreateClient(settings), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Sends through an existing client (a host that built its own).</summary>
    public SqsCollectionQueue(SqsQueueSettings settings, IAmazonSQS client, TimeProvider? time = null)
    {
        settings.Validate();
        Settings = settings;
        _time = time ?? TimeProvider.System;
        _client = new Lazy<IAmazonSQS>(client);
    }

    public SqsQueueSettings Settings { get; }

    public bool IsClientCreated => _client.IsValueCreated;

    public async ValueTask<EnqueueResult> EnqueueManyAsync(IReadOnlyList<CollectionMessage> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
            return EnqueueResult.Empty;
        var now = _time.GetUtcNow();
        var batches = messages.Chunk(BatchSize).ToArray();
        var results = new (int Accepted, List<EnqueueFailure> Failed)[batches.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, batches.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Settings.MaxConcurrentBatches, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await SendBatchAsync(batches[i], now, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return new EnqueueResult(results.Sum(r => r.Accepted), results.SelectMany(r => r.Failed).ToList());
    }

    private async Task<(int, List<EnqueueFailure>)> SendBatchAsync(CollectionMessage[] batch, DateTimeOffset now, CancellationToken ct)
    {
        var failed = new List<EnqueueFailure>();
        var entries = new List<SendMessageBatchRequestEntry>(batch.Length);
        var byId = new Dictionary<string, CollectionMessage>(batch.Length, StringComparer.Ordinal);
        for (var i = 0; i < batch.Length; i++)
        {
            var message = batch[i];
            if (!message.TryGetKey(out _))
            {
                failed.Add(new EnqueueFailure(message, $"unsupported ecosystem '{message.Ecosystem}' or empty name"));
                continue;
            }
            var id = i.ToString(CultureInfo.InvariantCulture);
            byId[id] = message;
            entries.Add(new SendMessageBatchRequestEntry
            {
                Id = id,
                MessageBody = (message.RequestedAt is null ? message with { RequestedAt = now } : message).ToJson(),
                DelaySeconds = (int)message.EffectiveDelay.TotalSeconds,
            });
        }
        if (entries.Count == 0)
            return (0, failed);

        try
        {
            var response = await _client.Value.SendMessageBatchAsync(
                new SendMessageBatchRequest { QueueUrl = Settings.QueueUrl, Entries = entries }, ct).ConfigureAwait(false);
            foreach (var entry in response.Failed ?? [])
            {
                if (entry.Id is { } id && byId.TryGetValue(id, out var message))
                    failed.Add(new EnqueueFailure(message, $"SQS refused it: {entry.Code}{(entry.SenderFault == true ? " (sender fault)" : "")}"));
            }
            return (response.Successful?.Count ?? 0, failed);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException ||
                                  (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // The whole batch failed (network, throttling past the SDK's retries, timeout): report each message.
            var reason = e is AmazonServiceException service ? $"SQS error {service.ErrorCode ?? ((int)service.StatusCode).ToString(CultureInfo.InvariantCulture)}" : $"SQS unreachable ({e.GetType().Name})";
            failed.AddRange(byId.Values.Select(m => new EnqueueFailure(m, reason)));
            return (0, failed);
        }
    }

    private static AmazonSQSClient CreateClient(SqsQueueSettings settings)
    {
        var config = AwsClientSetup.Configure(new AmazonSQSConfig(), settings.ServiceUrl, settings.Region,
            settings.RequestTimeout, settings.MaxErrorRetry);
        return AwsClientSetup.LocalCredentials(settings.ServiceUrl) is { } local
            ? new AmazonSQSClient(local, config)
            : new AmazonSQSClient(config);
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
            _client.Value.Dispose();
    }
}
