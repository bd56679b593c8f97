namespace DepHealth.Core.Auth;

/// <summary>Turns a raw <c>X-API-Key</c> value into an identity, or null when it is not a valid key.</summary>
public interface IApiKeyValidator
{
    ValueTask<ApiKeyIdentity?> ValidateAsync(string? rawKey, CancellationToken cancellationToken = default);
}

/// <summary>
/// Exact monthly quota per user. A request far from the limit is admitted from memory and its increment
/// persisted by <see cref="FlushAsync"/> after the response; near the limit the check is a synchronous
/// conditional update.
/// </summary>
public interface IUsageMeter
{
    ValueTask<QuotaDecision> TryConsumeAsync(ApiKeyIdentity identity, int count, CancellationToken cancellationToken = default);

    /// <summary>Persists increments admitted from memory; hosts call it after each response is sent.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);

    ValueTask<UsageSnapshot> GetUsageAsync(ApiKeyIdentity identity, CancellationToken cancellationToken = default);
}

/// <summary>Anonymous GET: 20 requests per hour per source IP.</summary>
public interface IDemoLimiter
{
    ValueTask<QuotaDecision> TryConsumeAsync(string sourceIp, CancellationToken cancellationToken = default);
}
