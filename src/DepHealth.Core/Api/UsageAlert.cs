using System.Globalization;
using System.Text.Json;
using DepHealth.Core.Auth;

namespace DepHealth.Core.Api;

/// <summary>The 80/95/100 % monthly-usage notice (reference §2), sent as headers and a <c>usage_alert</c> body member.</summary>
public sealed record UsageAlert(string Level, double Percent, string Message)
{
    /// <summary>The alert for <paramref name="used"/> of <paramref name="limit"/>, or null below 80 %.</summary>
    public static UsageAlert? For(long used, long limit, string upgradeUrl)
    {
        if (limit <= 0 || used < 0)
            return null;
        var pct = used * 100.0 / limit;
        if (pct >= 100)
            return new UsageAlert("exceeded", 100, $"Monthly limit exceeded. Upgrade at {upgradeUrl}");
        if (pct >= 95)
            return new UsageAlert("critical", Math.Round(pct, 1), $"Only {limit - used} requests remaining this month");
        if (pct >= 80)
            return new UsageAlert("warning", Math.Round(pct, 1),
                $"{Math.Round(100 - pct, 1).ToString(CultureInfo.InvariantCulture)}% of monthly quota remaining");
        return null;
    }

    public static UsageAlert? For(QuotaDecision decision, string upgradeUrl) => For(decision.Used, decision.Limit, upgradeUrl);

    public void AddHeaders(ResponseHeaders headers)
    {
        headers.Set("X-Usage-Alert", Level);
        headers.Set("X-Usage-Percent", Percent.ToString(CultureInfo.InvariantCulture));
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("usage_alert");
        writer.WriteString("level", Level);
        writer.WriteNumber("percent", Percent);
        writer.WriteString("message", Message);
        writer.WriteEndObject();
    }
}
