using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using BitFaster.Caching.Lru;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Auth;

/// <summary>
/// Validates <c>X-API-Key</c> values: malformed keys are refused without I/O; a well-formed key is hashed and read
/// with one GetItem; answers (valid and rejected) are cached per process by hash, never by raw key. When the store
/// fails, a key this process saw valid within <see cref="ApiKeyValidatorOptions.StaleIfError"/> of its cache expiry
/// stays valid; otherwise the error propagates (the caller answers 503), so an outage is never mistaken for a bad key.
/// </summary>
public sealed class ApiKeyValidator : IApiKeyValidator
{
    private readonly DynamoDbClientProvider _clients;
    private readonly TimeProvider _time;
    private readonly ApiKeyValidatorOptions _options;
    private readonly ConcurrentLru<string, CachedAnswer> _cache;

    private sealed record CachedAnswer(ApiKeyIdentity? Identity, DateTimeOffset ExpiresAt);

    public ApiKeyValidator(DynamoDbClientProvider clients, ApiKeyValidatorOptions? options = null, TimeProvider? timeProvider = null)
    {
        _clients = clients;
        _options = options ?? new ApiKeyValidatorOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _cache = new ConcurrentLru<string, CachedAnswer>(_options.Capacity);
    }

    public async ValueTask<ApiKeyIdentity?> ValidateAsync(string? rawKey, CancellationToken cancellationToken = default)
    {
        if (!ApiKeyFormat.IsWellFormed(rawKey))
            return null;

        var hash = ApiKeyFormat.Hash(rawKey!);
        var known = _cache.TryGet(hash, out var cached);
        if (known && cached!.ExpiresAt > _time.GetUtcNow())
            return cached.Identity;

        GetItemResponse response;
        try
        {
            response = await _clients.Client.GetItemAsync(new GetItemRequest
            {
                TableName = _clients.Settings.ApiKeysTable,
                Key = ApiKeysTableLayout.ApiKey(hash),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (known && cached!.Identity is not null &&
                                _time.GetUtcNow() < cached.ExpiresAt + _options.StaleIfError)
        {
            // Cached identity, not fail-closed: a key valid a moment ago keeps working through a store outage.
            return cached.Identity;
        }

        var identity = ToIdentity(hash, response.Item);
        var ttl = identity is null ? _options.RejectedTtl : _options.ValidTtl;
        _cache.AddOrUpdate(hash, new CachedAnswer(identity, _time.GetUtcNow() + ttl));
        return identity;
    }

    private static ApiKeyIdentity? ToIdentity(string hash, Dictionary<string, AttributeValue>? item)
    {
        if (item is null || item.Count == 0 ||
            !item.TryGetValue("key_hash", out var stored) || stored.S is null ||
            !item.TryGetValue("user_id", out var user) || string.IsNullOrEmpty(user.S))
            return null;

        // The item was found by this hash; checking it again in constant time guards against a mis-keyed item.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.S), Encoding.ASCII.GetBytes(hash)))
            return null;

        var tier = Tiers.Normalize(item.TryGetValue("tier", out var t) ? t.S : null);
        return new ApiKeyIdentity(user.S, hash, tier, Tiers.MonthlyLimitOf(tier));
    }
}
