using Amazon.DynamoDBv2.Model;

namespace DepHealth.Core.Auth;

/// <summary>
/// Item keys of the api-keys table. A key is found with one GetItem on its hash (no GSI on the request path);
/// a user's counters live under the user so deleting keys cannot reset usage.
/// </summary>
public static class ApiKeysTableLayout
{
    public const string KeySortKey = "KEY";
    public const string UserSortKey = "USER";

    /// <summary><c>key#{sha256}</c> / <c>KEY</c>: user_id, tier, created_at, key_suffix, key_hash.</summary>
    public static Dictionary<string, AttributeValue> ApiKey(string keyHash) => Key("key#" + keyHash, KeySortKey);

    /// <summary><c>user#{id}</c> / <c>USER</c>: tier, created_at.</summary>
    public static Dictionary<string, AttributeValue> User(string userId) => Key("user#" + userId, UserSortKey);

    /// <summary><c>user#{id}</c> / <c>usage#YYYY-MM</c>: requests admitted that month (a new item each month: no reset job).</summary>
    public static Dictionary<string, AttributeValue> Usage(string userId, string monthId) => Key("user#" + userId, "usage#" + monthId);

    /// <summary><c>demo#{ip}</c> / <c>hour#YYYY-MM-DD-HH</c>: anonymous requests that hour, with a <c>ttl</c>.</summary>
    public static Dictionary<string, AttributeValue> Demo(string sourceIp, string hourId) => Key("demo#" + sourceIp, "hour#" + hourId);

    private static Dictionary<string, AttributeValue> Key(string pk, string sk) => new(StringComparer.Ordinal)
    {
        ["pk"] = new AttributeValue { S = pk },
        ["sk"] = new AttributeValue { S = sk },
    };
}
