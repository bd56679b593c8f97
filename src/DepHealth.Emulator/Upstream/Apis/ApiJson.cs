using System.Globalization;
using System.Text.Json;

namespace DepHealth.Emulator.Upstream.Apis;

/// <summary>Date formats of the emulated APIs.</summary>
internal static class ApiJson
{
    /// <summary>RFC 3339 in whole seconds (deps.dev, GitHub): <c>2023-05-16T09:48:31Z</c>.</summary>
    public static string Seconds(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>npm's form with milliseconds: <c>2013-08-03T00:21:56.318Z</c>.</summary>
    public static string Millis(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void WriteStrings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
