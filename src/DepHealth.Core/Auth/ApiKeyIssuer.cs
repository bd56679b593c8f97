using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Auth;

/// <summary>A newly issued key: the raw value is returned this once and never stored.</summary>
public sealed record IssuedApiKey(string RawKey, string KeyHash, string UserId, string Tier)
{
    public string KeySuffix => ApiKeyFormat.SuffixOf(RawKey);
    public override string ToString() => $"IssuedApiKey {{ UserId = {UserId}, Tier = {Tier}, KeySuffix = {KeySuffix} }}";
}

/// <summary>Creates API keys: writes the user item (if new) and the key item holding only the key's hash.</summary>
public sealed class ApiKeyIssuer(DynamoDbClientProvider clients, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<IssuedApiKey> CreateAsync(string userId, string tier, CancellationToken cancellationToken = default)
    {
        if (!IsValidUserId(userId))
            throw new ArgumentException("user id must be 1-128 characters of letters, digits, '-', '_', '.', '@'.", nameof(userId));
        if (!Tiers.IsKnown(tier))
            throw new ArgumentException($"unknown tier '{tier}'", nameof(tier));

        var table = clients.Settings.ApiKeysTable;
        var createdAt = new AttributeValue { S = PackageItemMapper.FormatTimestamp(_time.GetUtcNow()) };

        var user = ApiKeysTableLayout.User(userId);
        user["user_id"] = new AttributeValue { S = userId };
        user["tier"] = new AttributeValue { S = tier };
        user["created_at"] = createdAt;
        try
        {
            await clients.Client.PutItemAsync(new PutItemRequest
            {
                TableName = table, Item = user, ConditionExpression = "attribute_not_exists(pk)",
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Existing user: keep it as it is.
        }

        var raw = ApiKeyFormat.Generate();
        var hash = ApiKeyFormat.Hash(raw);
        var key = ApiKeysTableLayout.ApiKey(hash);
        key["key_hash"] = new AttributeValue { S = hash };
        key["user_id"] = new AttributeValue { S = userId };
        key["tier"] = new AttributeValue { S = tier };
        key["created_at"] = createdAt;
        key["key_suffix"] = new AttributeValue { S = ApiKeyFormat.SuffixOf(raw) };
        // 256 random bits never collide in practice; the condition makes an overwrite impossible anyway.
        await clients.Client.PutItemAsync(new PutItemRequest
        {
            TableName = table, Item = key, ConditionExpression = "attribute_not_exists(pk)",
        }, cancellationToken).ConfigureAwait(false);

        return new IssuedApiKey(raw, hash, userId, tier);
    }

    private static bool IsValidUserId(string? userId) =>
        !string.IsNullOrEmpty(userId) && userId.Length <= 128 &&
        userId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@');
}
