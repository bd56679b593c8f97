using System.Text.Json.Serialization;

namespace DepHealth.Core.Api.Client;

/// <summary>GET /v1/usage answer as a client reads it.</summary>
public sealed class UsageResult
{
    [JsonPropertyName("tier")] public string? Tier { get; set; }
    [JsonPropertyName("usage")] public UsageNumbers? Usage { get; set; }
    [JsonPropertyName("reset")] public UsageReset? Reset { get; set; }
    [JsonPropertyName("limits_by_tier")] public Dictionary<string, long>? LimitsByTier { get; set; }
}

/// <summary>This month's counts.</summary>
public sealed class UsageNumbers
{
    [JsonPropertyName("requests_this_month")] public long RequestsThisMonth { get; set; }
    [JsonPropertyName("monthly_limit")] public long MonthlyLimit { get; set; }
    [JsonPropertyName("remaining")] public long Remaining { get; set; }
    [JsonPropertyName("usage_percentage")] public double UsagePercentage { get; set; }
}

/// <summary>When the monthly count resets.</summary>
public sealed class UsageReset
{
    [JsonPropertyName("date")] public DateTimeOffset? Date { get; set; }
    [JsonPropertyName("seconds_until_reset")] public long SecondsUntilReset { get; set; }
}

/// <summary>The API's error body <c>{"error":{"code","message"}}</c>.</summary>
public sealed class ErrorBody
{
    [JsonPropertyName("error")] public ErrorDetail? Error { get; set; }
}

/// <summary>The inside of an error body.</summary>
public sealed class ErrorDetail
{
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("retry_after_seconds")] public long? RetryAfterSeconds { get; set; }
}
