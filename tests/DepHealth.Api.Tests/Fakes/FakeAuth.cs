using System.Collections.Concurrent;
using DepHealth.Core.Auth;

namespace DepHealth.Api.Tests.Fakes;

/// <summary>Keys in a dictionary: raw key → identity.</summary>
public sealed class FakeKeyValidator : IApiKeyValidator
{
    private readonly Dictionary<string, ApiKeyIdentity> _keys = new(StringComparer.Ordinal);
    public bool Fail { get; set; }

    public FakeKeyValidator Add(string rawKey, ApiKeyIdentity identity)
    {
        _keys[rawKey] = identity;
        return this;
    }

    public ValueTask<ApiKeyIdentity?> ValidateAsync(string? rawKey, CancellationToken cancellationToken = default)
    {
        if (Fail)
            throw new InvalidOperationException("key table unreachable");
        return ValueTask.FromResult(rawKey is not null && _keys.TryGetValue(rawKey, out var id) ? id : null);
    }
}

/// <summary>An exact in-memory monthly counter per user; denies a request that would pass the limit.</summary>
public sealed class FakeUsageMeter(DateTimeOffset resetsAt) : IUsageMeter
{
    private readonly ConcurrentDictionary<string, long> _used = new();
    public int Flushes;

    public long UsedBy(string userId) => _used.GetValueOrDefault(userId);
    public void SetUsed(string userId, long used) => _used[userId] = used;

    public ValueTask<QuotaDecision> TryConsumeAsync(ApiKeyIdentity identity, int count, CancellationToken cancellationToken = default)
    {
        lock (_used)
        {
            var used = _used.GetValueOrDefault(identity.UserId);
            if (used + count > identity.MonthlyLimit)
                return ValueTask.FromResult(new QuotaDecision(false, used, identity.MonthlyLimit, resetsAt));
            _used[identity.UserId] = used + count;
            return ValueTask.FromResult(new QuotaDecision(true, used + count, identity.MonthlyLimit, resetsAt));
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Flushes);
        return ValueTask.CompletedTask;
    }

    public ValueTask<UsageSnapshot> GetUsageAsync(ApiKeyIdentity identity, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new UsageSnapshot(identity.Tier, UsedBy(identity.UserId), identity.MonthlyLimit, resetsAt));
}

/// <summary>20 requests per source IP, then denied.</summary>
public sealed class FakeDemoLimiter(DateTimeOffset resetsAt, int limit = 20) : IDemoLimiter
{
    private readonly ConcurrentDictionary<string, int> _used = new();
    public int UsedBy(string ip) => _used.GetValueOrDefault(ip);

    public ValueTask<QuotaDecision> TryConsumeAsync(string sourceIp, CancellationToken cancellationToken = default)
    {
        lock (_used)
        {
            var used = _used.GetValueOrDefault(sourceIp);
            if (used >= limit)
                return ValueTask.FromResult(new QuotaDecision(false, used, limit, resetsAt));
            _used[sourceIp] = used + 1;
            return ValueTask.FromResult(new QuotaDecision(true, used + 1, limit, resetsAt));
        }
    }
}
