using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Storage;

// The schedule queries of the packages table (IPackageScheduleStore): tier-index and data-status-index are KEYS_ONLY,
// so a query yields keys and the retry path reads the records themselves for their retry fields.
public sealed partial class DynamoPackageStore : IPackageScheduleStore
{
    private const string TierDueCondition = "#tier = :tier AND #updated <= :due";
    private const string RetryDueCondition = "#status = :status AND #next <= :now";
    private const string ClaimCondition =
        "attribute_exists(#pk) AND #status = :status AND #next <= :now " +
        "AND (attribute_not_exists(#dispatched) OR #dispatched < :after) " +
        "AND (attribute_not_exists(#retries) OR #retries < :max)";

    /// <summary>Items per query page (DynamoDB's 1 MB page when null); tests set it small to exercise pagination.</summary>
    internal int? SchedulePageSize { get; init; }

    public async Task<IReadOnlyList<PackageKey>> GetTierDueAsync(int tier, DateTimeOffset updatedBefore,
        CancellationToken cancellationToken = default)
    {
        var keys = new List<PackageKey>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await _clients.Client.QueryAsync(new QueryRequest
            {
                TableName = _table,
                IndexName = TableDefinitions.TierIndex,
                KeyConditionExpression = TierDueCondition,
                ProjectionExpression = "#pk",
                ExpressionAttributeNames = new() { ["#pk"] = PackageItemMapper.PartitionKey, ["#tier"] = "tier", ["#updated"] = "last_updated" },
                ExpressionAttributeValues = new()
                {
                    [":tier"] = new AttributeValue { N = tier.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    [":due"] = new AttributeValue { S = PackageItemMapper.FormatTimestamp(updatedBefore) },
                },
                Limit = SchedulePageSize,
                ExclusiveStartKey = start,
            }, cancellationToken).ConfigureAwait(false);
            AddKeys(response.Items, keys, int.MaxValue);
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return keys;
    }

    public async Task<IReadOnlyList<PackageRecord>> GetRetryDueAsync(string dataStatus, DateTimeOffset now, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var keys = new List<PackageKey>();
        Dictionary<string, AttributeValue>? start = null;
        while (keys.Count < limit)
        {
            var response = await _clients.Client.QueryAsync(new QueryRequest
            {
                TableName = _table,
                IndexName = TableDefinitions.DataStatusIndex,
                KeyConditionExpression = RetryDueCondition,
                ProjectionExpression = "#pk",
                ExpressionAttributeNames = new() { ["#pk"] = PackageItemMapper.PartitionKey, ["#status"] = "data_status", ["#next"] = "next_retry_at" },
                ExpressionAttributeValues = new()
                {
                    [":status"] = new AttributeValue { S = dataStatus },
                    [":now"] = new AttributeValue { S = PackageItemMapper.FormatTimestamp(now) },
                },
                Limit = Math.Min(limit - keys.Count, SchedulePageSize ?? int.MaxValue),
                ExclusiveStartKey = start,
            }, cancellationToken).ConfigureAwait(false);
            AddKeys(response.Items, keys, limit);
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            if (start is null)
                break;
        }
        if (keys.Count == 0)
            return [];

        // Earliest retry first, as the index returned them; a key whose read failed waits for the next run.
        var read = await GetManyAsync(keys, cancellationToken).ConfigureAwait(false);
        return keys.Where(read.Found.ContainsKey).Select(k => read.Found[k]).ToList();
    }

    public async Task<bool> TryClaimRetryAsync(PackageKey key, string dataStatus, DateTimeOffset now, DateTimeOffset redispatchAfter,
        int maxRetryCount, CancellationToken cancellationToken = default)
    {
        var stamp = new AttributeValue { S = PackageItemMapper.FormatTimestamp(now) };
        try
        {
            await _clients.Client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table,
                Key = PackageItemMapper.KeyOf(key),
                UpdateExpression = "SET #dispatched = :now",
                ConditionExpression = ClaimCondition,
                ExpressionAttributeNames = new()
                {
                    ["#pk"] = PackageItemMapper.PartitionKey, ["#status"] = "data_status", ["#next"] = "next_retry_at",
                    ["#dispatched"] = "retry_dispatched_at", ["#retries"] = "retry_count",
                },
                ExpressionAttributeValues = new()
                {
                    [":status"] = new AttributeValue { S = dataStatus },
                    [":now"] = stamp,
                    [":after"] = new AttributeValue { S = PackageItemMapper.FormatTimestamp(redispatchAfter) },
                    [":max"] = new AttributeValue { N = maxRetryCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task ReleaseRetryClaimAsync(PackageKey key, DateTimeOffset claimedAt, CancellationToken cancellationToken = default)
    {
        try
        {
            await _clients.Client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table,
                Key = PackageItemMapper.KeyOf(key),
                UpdateExpression = "REMOVE #dispatched",
                ConditionExpression = "#dispatched = :at",
                ExpressionAttributeNames = new() { ["#dispatched"] = "retry_dispatched_at" },
                ExpressionAttributeValues = new() { [":at"] = new AttributeValue { S = PackageItemMapper.FormatTimestamp(claimedAt) } },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Someone else's claim, or a collection rewrote the record: nothing of ours to undo.
        }
    }

    /// <summary>Keys of the items' <c>{ecosystem}#{name}</c> partition keys; other item kinds (e.g. <c>FAILED#…</c>) are skipped.</summary>
    private static void AddKeys(List<Dictionary<string, AttributeValue>>? items, List<PackageKey> keys, int limit)
    {
        if (items is null)
            return;
        foreach (var item in items)
        {
            if (keys.Count >= limit)
                return;
            if (item.TryGetValue(PackageItemMapper.PartitionKey, out var pk) && TryParseKey(pk.S, out var key))
                keys.Add(key);
        }
    }

    /// <summary>Splits a partition key on its first <c>#</c>; false unless the ecosystem is supported and the name non-empty.</summary>
    public static bool TryParseKey(string? pk, out PackageKey key)
    {
        key = default;
        var hash = pk?.IndexOf('#') ?? -1;
        if (hash <= 0 || hash == pk!.Length - 1 || !Ecosystems.TryParse(pk[..hash], out var ecosystem))
            return false;
        key = new PackageKey(ecosystem.ToWire(), pk[(hash + 1)..]);
        return true;
    }
}
