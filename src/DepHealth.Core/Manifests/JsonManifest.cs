using System.Text;
using System.Text.Json;
using DepHealth.Core.Json;

namespace DepHealth.Core.Manifests;

/// <summary>Opens a JSON manifest with System.Text.Json's DOM; syntax errors become <see cref="ManifestParseException"/>.</summary>
internal static class JsonManifest
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static JsonDocument OpenObject(ManifestFormat format, string content)
    {
        JsonDocument document;
        var utf8 = Encoding.UTF8.GetBytes(content.TrimStart('\uFEFF'));
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw ManifestParseException.Invalid(format, "not valid JSON" + where, e);
        }
        if (JsonStrings.HasUndecodableString(utf8, new JsonReaderOptions
            {
                AllowTrailingCommas = Options.AllowTrailingCommas, CommentHandling = Options.CommentHandling, MaxDepth = Options.MaxDepth,
            }))
        {
            document.Dispose();
            throw ManifestParseException.Invalid(format, "a string is not valid Unicode (an escaped lone surrogate)");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ManifestParseException.Invalid(format, "the top level is not a JSON object");
        }
        return document;
    }

    public static string? GetString(this JsonElement obj, string property) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    public static bool GetBool(this JsonElement obj, string property) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.True;
}
