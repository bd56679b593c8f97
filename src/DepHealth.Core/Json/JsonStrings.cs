using System.Text.Json;

namespace DepHealth.Core.Json;

/// <summary>
/// Finds JSON strings that parse but cannot be read: an escaped lone surrogate (<c>"\ud800"</c>) is valid JSON
/// syntax, yet <see cref="JsonElement.GetString"/> and property names throw on it. Checking once up front keeps
/// such input a 400 instead of an exception deep inside a reader.
/// </summary>
public static class JsonStrings
{
    /// <summary>True when some escaped string or property name of <paramref name="utf8Json"/> is not valid UTF-16 once unescaped.</summary>
    /// <exception cref="JsonException">The text is not valid JSON (callers have usually parsed it already).</exception>
    public static bool HasUndecodableString(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options = default)
    {
        var reader = new Utf8JsonReader(utf8Json, options);
        while (reader.Read())
        {
            // Only an escape can produce a lone surrogate: unescaped text was validated as UTF-8 by the reader.
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
