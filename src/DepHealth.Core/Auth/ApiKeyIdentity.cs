namespace DepHealth.Core.Auth;

/// <summary>A validated API key: whose it is, its tier and monthly limit. Never holds the raw key.</summary>
public sealed record ApiKeyIdentity(string UserId, string KeyHash, string Tier, long MonthlyLimit);

/// <summary>Result of asking for quota: allowed or not, the count after the request, the limit and when it resets.</summary>
public readonly record struct QuotaDecision(bool Allowed, long Used, long Limit, DateTimeOffset ResetsAt)
{
    public long Remaining => Math.Max(0, Limit - Used);
}

/// <summary>A user's monthly usage, for GET /v1/usage.</summary>
public sealed record UsageSnapshot(string Tier, long RequestsThisMonth, long MonthlyLimit, DateTimeOffset ResetsAt);
