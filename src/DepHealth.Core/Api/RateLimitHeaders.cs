using System.Globalization;
using DepHealth.Core.Auth;

namespace DepHealth.Core.Api;

/// <summary>Writes <c>X-RateLimit-*</c> and <c>Retry-After</c> from a quota decision.</summary>
public static class RateLimitHeaders
{
    public static void Add(ResponseHeaders headers, QuotaDecision decision)
    {
        headers.Set("X-RateLimit-Limit", decision.Limit.ToString(CultureInfo.InvariantCulture));
        headers.Set("X-RateLimit-Remaining", decision.Remaining.ToString(CultureInfo.InvariantCulture));
        headers.Set("X-RateLimit-Reset", decision.ResetsAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Whole seconds from now until <paramref name="resetsAt"/>, at least 1.</summary>
    public static long SecondsUntil(DateTimeOffset resetsAt, TimeProvider time) =>
        Math.Max(1, (long)Math.Ceiling((resetsAt - time.GetUtcNow()).TotalSeconds));

    public static void AddRetryAfter(ResponseHeaders headers, long seconds) =>
        headers.Set("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
}
