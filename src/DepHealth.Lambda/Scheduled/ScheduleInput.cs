using System.Globalization;
using System.Text.Json;

namespace DepHealth.Lambda.Scheduled;

/// <summary>
/// What a schedule asks of a dispatcher. A rule target with <c>Input</c> delivers that JSON itself
/// (<c>{"tier":1,"reason":"refresh_daily"}</c>); without it, the EventBridge envelope, whose <c>detail</c> is read.
/// </summary>
public sealed record ScheduleInput(int? Tier, string? Reason)
{
    /// <summary>Reads <c>tier</c> (a number or a numeric string) and <c>reason</c>; anything else is ignored.</summary>
    public static ScheduleInput Parse(ReadOnlySpan<byte> payload)
    {
        using var document = JsonDocument.Parse(payload.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new JsonException($"a schedule event is a JSON object, not {root.ValueKind}");
        var source = !root.TryGetProperty("tier", out _) && !root.TryGetProperty("reason", out _) &&
                     root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.Object
            ? detail
            : root;
        return new ScheduleInput(ReadTier(source), source.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null);
    }

    private static int? ReadTier(JsonElement source)
    {
        if (!source.TryGetProperty("tier", out var tier))
            return null;
        return tier.ValueKind switch
        {
            JsonValueKind.Number when tier.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(tier.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }
}
