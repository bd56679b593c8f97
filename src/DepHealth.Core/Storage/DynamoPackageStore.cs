using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Packages;
using Polly;
using Polly.Retry;

namespace DepHealth.Core.Storage;

/// <summary>The packages table on DynamoDB: GetItem, concurrent BatchGetItem with UnprocessedKeys retries, conditional Put.</summary>
public sealed partial class DynamoPackageStore : IPackageStore
{
    private const string OlderThanStored =
        "attribute_not_exists(pk) OR attribute_not_exists(collected_at) OR collected_at <= :c";
    private const string NoCollectedStored = "attribute_not_exists(pk) OR attribute_not_exists(collected_at)";

    private readonly DynamoDbClientProvider _clients;
    private readonly string _table;
    private readonly BatchReadOptions _options;
    private readonly ResiliencePipeline<int> _unprocessedRetry;

    /// <summary>A store over the packages table; <paramref name="randomizer"/> (jitter in [0,1)) and the time provider are injectable for tests.</summary>
    public DynamoPackageStore(DynamoDbClientProvider clients, BatchReadOptions? options = null,
        TimeProvider? timeProvider = null, Func<double>? randomizer = null)
    {
        _clients = clients;
        _table = clients.Settings.PackagesTable;
        _options = options ?? new BatchReadOptions();
        _options.Validate();

        var retry = new RetryStrategyOptions<int>
        {
            // The outcome is the number of keys still unprocessed after an attempt.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && args.Outcome.Result > 0),
            MaxRetryAttempts = Math.Max(1, _options.MaxUnprocessedRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.BaseRetryDelay,
            MaxDelay = _options.MaxRetryDelay,
        };
        if (randomizer is not null)
            retry.Randomizer = randomizer;
        _unprocessedRetry = _options.MaxUnprocessedRetries == 0
            ? ResiliencePipeline<int>.Empty
            : new ResiliencePipelineBuilder<int> { TimeProvider = timeProvider ?? TimeProvider.System }.AddRetry(retry).Build();
    }

    public async Task<PackageRecord?> GetAsync(PackageKey key, CancellationToken cancellationToken = default)
    {
        var response = await _clients.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = PackageItemMapper.KeyOf(key),
            ConsistentRead = _options.ConsistentRead,
        }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? PackageItemMapper.FromItem(item) : null;
    }

    public async Task<BatchReadResult> GetManyAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken cancellationToken = default)
    {
        var unique = keys.Distinct().ToArray();
        var found = new ConcurrentDictionary<PackageKey, PackageRecord>();
        var unavailable = new ConcurrentBag<PackageKey>();
        var chunks = unique.Chunk(_options.KeysPerRequest).ToArray();

        if (_options.Sequential || chunks.Length <= 1)
        {
            foreach (var chunk in chunks)
                await ReadChunkAsync(chunk, found, unavailable, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The token goes to each chunk, not to the loop: a cancelled read still returns what it had read.
            await Parallel.ForEachAsync(chunks,
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency },
                (chunk, _) => new ValueTask(ReadChunkAsync(chunk, found, unavailable, cancellationToken))).ConfigureAwait(false);
        }

        return new BatchReadResult(found, unavailable.ToArray());
    }

    private async Task ReadChunkAsync(PackageKey[] chunk, ConcurrentDictionary<PackageKey, PackageRecord> found,
        ConcurrentBag<PackageKey> unavailable, CancellationToken cancellationToken)
    {
        // Keys not yet answered, by partition key; the retry loop narrows it to what DynamoDB left unprocessed.
        var pending = chunk.ToDictionary(k => k.Pk, StringComparer.Ordinal);
        try
        {
            await _unprocessedRetry.ExecuteAsync(async ct =>
            {
                var response = await _clients.Client.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes>
                    {
                        [_table] = new()
                        {
                            Keys = pending.Values.Select(PackageItemMapper.KeyOf).ToList(),
                            ConsistentRead = _options.ConsistentRead,
                        },
                    },
                }, ct).ConfigureAwait(false);

                if (response.Responses?.TryGetValue(_table, out var items) == true)
                {
                    foreach (var item in items)
                    {
                        if (item.TryGetValue(PackageItemMapper.PartitionKey, out var pk) && pk.S is not null &&
                            pending.Remove(pk.S, out var key))
                            found[key] = PackageItemMapper.FromItem(item);
                    }
                }

                // Whatever was neither returned nor left unprocessed does not exist: stop asking for it.
                var unprocessed = new HashSet<string>(StringComparer.Ordinal);
                if (response.UnprocessedKeys?.TryGetValue(_table, out var left) == true && left.Keys is not null)
                {
                    foreach (var key in left.Keys)
                    {
                        if (key.TryGetValue(PackageItemMapper.PartitionKey, out var pk) && pk.S is not null)
                            unprocessed.Add(pk.S);
                    }
                }
                foreach (var pk in pending.Keys.Where(pk => !unprocessed.Contains(pk)).ToArray())
                    pending.Remove(pk);
                return pending.Count;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The request failed after the SDK's own retries, or ran out of time: its keys are reported, not dropped.
        }

        foreach (var key in pending.Values)
            unavailable.Add(key);
    }

    public async Task<WriteOutcome> PutAsync(PackageRecord record, CancellationToken cancellationToken = default)
    {
        var request = new PutItemRequest { TableName = _table, Item = PackageItemMapper.ToItem(record) };
        if (record.CollectedAt is { } collectedAt)
        {
            request.ConditionExpression = OlderThanStored;
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":c"] = new() { S = PackageItemMapper.FormatTimestamp(collectedAt) },
            };
        }
        else
        {
            // A record never collected (a placeholder) must not replace one that was.
            request.ConditionExpression = NoCollectedStored;
        }

        try
        {
            await _clients.Client.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return WriteOutcome.Written;
        }
        catch (ConditionalCheckFailedException)
        {
            return WriteOutcome.RejectedAsOlder;
        }
    }
}
