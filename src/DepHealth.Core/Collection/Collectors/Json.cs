using System.Globalization;
using System.Text.Json;

namespace DepHealth.Core.Collection.Collectors;

/// <summary>Tolerant readers over <see cref="JsonElement"/>: upstream shapes vary (string or number, object or string), so a wrong type reads as absent.</summary>
internal static class Json
{
    /// <summary>Parses a body; null when it is not JSON (a failure of that source).</summary>
    public static JsonDocument? TryParse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonElement? Prop(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string? Str(this JsonElement e, string name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static JsonElement? Obj(this JsonElement e, string name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Object } v ? v : null;

    public static IEnumerable<JsonElement> Arr(this JsonElement e, string name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray() : [];

    public static IEnumerable<JsonElement> Items(this JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : [];

    public static long? Long(this JsonElement e, string name) => e.Prop(name) switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var l) => l,
        { ValueKind: JsonValueKind.Number } v when v.TryGetDouble(out var d) => (long)d,
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    public static double? Double(this JsonElement e, string name) => e.Prop(name) switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        { ValueKind: JsonValueKind.String } v when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static bool? Bool(this JsonElement e, string name) => e.Prop(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    public static DateTimeOffset? Date(this JsonElement e, string name) =>
        e.Str(name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
            ? d
            : null;
}
