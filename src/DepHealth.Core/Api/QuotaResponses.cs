using System.Globalization;
using DepHealth.Core.Auth;

namespace DepHealth.Core.Api;

/// <summary>The 429 answers of an exhausted monthly quota and of the demo limit (reference §1.1 steps 9–10).</summary>
public sealed class QuotaResponses(ApiOptions options, TimeProvider time)
{
    public const int DemoLimitPerHour = 20;
    public const int DemoRetryAfterSeconds = 3600;

    public ApiResponse MonthlyLimitExceeded(QuotaDecision decision, string? message = null)
    {
        var retryAfter = RateLimitHeaders.SecondsUntil(decision.ResetsAt, time);
        var headers = new ResponseHeaders();
        RateLimitHeaders.Add(headers, decision with { Used = Math.Max(decision.Used, decision.Limit) });
        RateLimitHeaders.AddRetryAfter(headers, retryAfter);
        return ApiError.Create(429, ErrorCodes.RateLimitExceeded,
            message ?? $"Monthly limit of {decision.Limit.ToString(CultureInfo.InvariantCulture)} requests exceeded", headers,
            w =>
            {
                w.WriteNumber("retry_after_seconds", retryAfter);
                w.WriteString("upgrade_url", options.UpgradeUrl);
            });
    }

    public ApiResponse DemoLimitExceeded(QuotaDecision decision)
    {
        var headers = new ResponseHeaders();
        headers.Set("X-Demo-Mode", "true");
        RateLimitHeaders.Add(headers, decision with { Used = Math.Max(decision.Used, decision.Limit) });
        RateLimitHeaders.AddRetryAfter(headers, DemoRetryAfterSeconds);
        return ApiError.Create(429, ErrorCodes.DemoRateLimitExceeded,
            $"Demo limit of {decision.Limit.ToString(CultureInfo.InvariantCulture)} requests per hour exceeded", headers,
            w =>
            {
                w.WriteNumber("retry_after_seconds", DemoRetryAfterSeconds);
                w.WriteString("signup_url", options.SignupUrl);
            });
    }

    public static ApiResponse InvalidApiKey() =>
        ApiError.Create(401, ErrorCodes.InvalidApiKey, "Invalid or missing API key");

    public static ApiResponse ServiceUnavailable(string message)
    {
        var headers = new ResponseHeaders();
        RateLimitHeaders.AddRetryAfter(headers, 1);
        return ApiError.Create(503, ErrorCodes.ServiceUnavailable, message, headers);
    }
}
