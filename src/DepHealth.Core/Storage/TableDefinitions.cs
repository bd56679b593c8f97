using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace DepHealth.Core.Storage;

/// <summary>The DynamoDB tables of DepHealth, in code: the source of truth for local provisioning (template.yaml mirrors it).</summary>
public static class TableDefinitions
{
    public const string RiskLevelIndex = "risk-level-index";
    public const string TierIndex = "tier-index";
    public const string DataStatusIndex = "data-status-index";
    /// <summary>Api-keys table: a user's keys, for listing (never on the request path).</summary>
    public const string UserKeysIndex = "user-keys-index";

    /// <summary>Packages: pk <c>{ecosystem}#{name}</c>, sk <c>LATEST</c>, GSIs by risk level, refresh tier and data status.</summary>
    public static CreateTableRequest Packages(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        KeySchema = Keys("pk", "sk"),
        AttributeDefinitions =
        [
            Attr("pk", ScalarAttributeType.S), Attr("sk", ScalarAttributeType.S),
            Attr("risk_level", ScalarAttributeType.S), Attr("last_updated", ScalarAttributeType.S),
            Attr("tier", ScalarAttributeType.N),
            Attr("data_status", ScalarAttributeType.S), Attr("next_retry_at", ScalarAttributeType.S),
        ],
        GlobalSecondaryIndexes =
        [
            Index(RiskLevelIndex, "risk_level", "last_updated", ProjectionType.ALL),
            Index(TierIndex, "tier", "last_updated", ProjectionType.KEYS_ONLY),
            Index(DataStatusIndex, "data_status", "next_retry_at", ProjectionType.KEYS_ONLY),
        ],
    };

    /// <summary>
    /// Api keys, users, usage counters and demo counters, one table (see docs/quotas.md):
    /// <c>key#{sha256}</c>/<c>KEY</c>, <c>user#{id}</c>/<c>USER</c>, <c>user#{id}</c>/<c>usage#YYYY-MM</c>,
    /// <c>demo#{ip}</c>/<c>hour#YYYY-MM-DD-HH</c>.
    /// </summary>
    public static CreateTableRequest ApiKeys(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        KeySchema = Keys("pk", "sk"),
        AttributeDefinitions =
        [
            Attr("pk", ScalarAttributeType.S), Attr("sk", ScalarAttributeType.S),
            Attr("user_id", ScalarAttributeType.S), Attr("created_at", ScalarAttributeType.S),
        ],
        GlobalSecondaryIndexes = [Index(UserKeysIndex, "user_id", "created_at", ProjectionType.KEYS_ONLY)],
    };

    private static List<KeySchemaElement> Keys(string hash, string range) =>
        [new KeySchemaElement(hash, KeyType.HASH), new KeySchemaElement(range, KeyType.RANGE)];

    private static AttributeDefinition Attr(string name, ScalarAttributeType type) => new(name, type);

    private static GlobalSecondaryIndex Index(string name, string hash, string range, ProjectionType projection) => new()
    {
        IndexName = name,
        KeySchema = Keys(hash, range),
        Projection = new Projection { ProjectionType = projection },
    };
}
