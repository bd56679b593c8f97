using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace DepHealth.Core.Api;

/// <summary>GET /v1/usage (reference §1.5): the caller's monthly usage; needs a valid key and consumes no quota.</summary>
public sealed class UsageHandler(ApiServices services)
{
    public async ValueTask<ApiResponse> HandleAsync(ApiRequest request, CancellationToken ct)
    {
        Auth.UsageSnapshot usage;
        try
        {
            var identity = await services.Keys.ValidateAsync(request.Header("X-API-Key"), ct);
            if (identity is null)
                return QuotaResponses.InvalidApiKey();
            usage = await services.Usage.GetUsageAsync(identity, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return QuotaResponses.ServiceUnavailable("Could not read usage; try again shortly");
        }

        var remaining = Math.Max(0, usage.MonthlyLimit - usage.RequestsThisMonth);
        var percent = usage.MonthlyLimit > 0 ? Math.Round(usage.RequestsThisMonth * 100.0 / usage.MonthlyLimit, 1) : 0;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("tier", usage.Tier);
            w.WriteStartObject("usage");
            w.WriteNumber("requests_this_month", usage.RequestsThisMonth);
            w.WriteNumber("monthly_limit", usage.MonthlyLimit);
            w.WriteNumber("remaining", remaining);
            w.WriteNumber("usage_percentage", percent);
            w.WriteEndObject();
            w.WriteStartObject("reset");
            w.WriteString("date", usage.ResetsAt);
            w.WriteNumber("seconds_until_reset", Math.Max(0, (long)(usage.ResetsAt - services.Time.GetUtcNow()).TotalSeconds));
            w.WriteEndObject();
            w.WriteStartObject("limits_by_tier");
            foreach (var (tier, limit) in Auth.Tiers.Limits)
                w.WriteNumber(tier, limit);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        var headers = new ResponseHeaders()
            .Set("Content-Type", ApiResponse.JsonContentType)
            .Set("Cache-Control", "no-store, no-cache, must-revalidate")
            .Set("X-RateLimit-Limit", usage.MonthlyLimit.ToString(CultureInfo.InvariantCulture))
            .Set("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture));
        return new ApiResponse(200, headers, buffer.WrittenMemory.ToArray());
    }
}
