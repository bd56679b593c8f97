using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace DepHealth.Core.Manifests.Python;

/// <summary>Opens a TOML manifest as Tomlyn's untyped model (no reflection); syntax errors become <see cref="ManifestParseException"/>.</summary>
internal static class TomlManifest
{
    public static TomlTable Open(ManifestFormat format, string content)
    {
        try
        {
            return TomlSerializer.Deserialize(content.TrimStart('\uFEFF'), ManifestTomlContext.Default.TomlTable)
                ?? throw ManifestParseException.Invalid(format, "empty TOML document");
        }
        catch (TomlException e)
        {
            throw ManifestParseException.Invalid(format, "not valid TOML: " + FirstLine(e.Message), e);
        }
        catch (ArgumentException e)
        {
            // Tomlyn throws this, not a TomlException, on "\uD800": an escape that is not a Unicode scalar value
            // (found by AFL++ on the Pipfile target). TOML forbids such escapes.
            throw ManifestParseException.Invalid(format, "not valid TOML: an escape is not a Unicode scalar value", e);
        }
    }

    public static TomlTable? Table(this TomlTable table, string key) =>
        table.TryGetValue(key, out var value) ? value as TomlTable : null;

    /// <summary>Follows a dotted path of tables ("tool", "poetry", "dependencies").</summary>
    public static TomlTable? Path(this TomlTable table, params string[] keys)
    {
        TomlTable? current = table;
        foreach (var key in keys)
            current = current?.Table(key);
        return current;
    }

    public static string? String(this TomlTable table, string key) =>
        table.TryGetValue(key, out var value) ? value as string : null;

    private static string FirstLine(string message)
    {
        var nl = message.IndexOf('\n');
        return nl < 0 ? message : message[..nl];
    }
}

/// <summary>Source-generated Tomlyn metadata for the untyped model, so that reading TOML needs no reflection (AOT-safe).</summary>
[TomlSourceGenerationOptions(MaxDepth = 64, DuplicateKeyHandling = TomlDuplicateKeyHandling.Error)]
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class ManifestTomlContext : TomlSerializerContext;
