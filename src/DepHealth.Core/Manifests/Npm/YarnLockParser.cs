using DepHealth.Core.Manifests.Yaml;

namespace DepHealth.Core.Manifests.Npm;

/// <summary>
/// yarn.lock, classic (v1, its own line format) and berry (v2+, YAML with <c>__metadata</c>). A lockfile does not
/// record whether a package is a dev dependency, so every entry is kind prod.
/// </summary>
internal static class YarnLockParser
{
    public static ManifestParseResult Parse(string content)
    {
        var set = new DependencySetBuilder(ManifestFormat.YarnLock);
        if (IsBerry(content))
            ParseBerry(set, content);
        else
            ParseClassic(set, content);
        return set.Build();
    }

    private static bool IsBerry(string content)
    {
        foreach (var line in content.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("__metadata:", StringComparison.Ordinal))
                return true;
            if (line.StartsWith("# yarn lockfile v1", StringComparison.Ordinal))
                return false;
        }
        return false;
    }

    /// <summary>
    /// Classic: an unindented header lists the descriptors (<c>"name@range", name@range:</c>), and indented
    /// lines hold fields (<c>version "1.0.0"</c>); deeper levels (dependencies) are not needed.
    /// </summary>
    private static void ParseClassic(DependencySetBuilder set, string content)
    {
        List<string>? descriptors = null;
        string? version = null;
        var lineNumber = 0;
        foreach (var raw in content.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw.TrimEnd();
            if (line.IsEmpty || line.TrimStart().StartsWith('#'))
                continue;
            if (!char.IsWhiteSpace(line[0]))
            {
                Flush(set, descriptors, version);
                if (line[^1] != ':')
                    throw ManifestParseException.Invalid(ManifestFormat.YarnLock, $"line {lineNumber}: expected an entry header ending with ':'");
                descriptors = SplitDescriptors(line[..^1].ToString());
                version = null;
                continue;
            }
            if (descriptors is null)
                throw ManifestParseException.Invalid(ManifestFormat.YarnLock, $"line {lineNumber}: indented line outside an entry");
            var field = line.TrimStart();
            if (line.Length - field.Length == 2 && field.StartsWith("version ", StringComparison.Ordinal))
                version = Unquote(field["version ".Length..].Trim().ToString());
        }
        Flush(set, descriptors, version);
    }

    private static void Flush(DependencySetBuilder set, List<string>? descriptors, string? version)
    {
        if (descriptors is null)
            return;
        foreach (var descriptor in descriptors)
        {
            var (name, range) = NpmSpecifier.SplitNameAndRange(descriptor);
            var spec = NpmSpecifier.Classify(range);
            if (spec.IsRegistry)
                set.Add(spec.RealName ?? name, DependencyKind.Prod, version ?? spec.Range);
            else
                set.Skip(name, spec.SkipReason!, range);
        }
    }

    private static List<string> SplitDescriptors(string header)
    {
        var result = new List<string>();
        foreach (var part in header.Split(','))
        {
            var d = Unquote(part.Trim());
            if (d.Length > 0)
                result.Add(d);
        }
        return result;
    }

    private static string Unquote(string s) =>
        s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1] : s;

    /// <summary>
    /// Berry: each entry's <c>resolution</c> is <c>name@protocol:…</c> with the real name (aliases resolved).
    /// npm: is a registry package; patch: wraps one (the patched package is still that registry package);
    /// workspace:, link:, portal:, file:, git and URL resolutions are skipped.
    /// </summary>
    private static void ParseBerry(DependencySetBuilder set, string content)
    {
        var root = YamlTree.LoadMapping(ManifestFormat.YarnLock, content);
        foreach (var (key, node) in root.Entries)
        {
            if (key == "__metadata")
                continue;
            if (node.Map is not { } entry)
                throw ManifestParseException.Invalid(ManifestFormat.YarnLock, $"entry \"{key}\" is not a mapping");

            var version = entry["version"]?.Scalar ?? "";
            var resolution = entry["resolution"]?.Scalar ?? SplitDescriptors(key).FirstOrDefault() ?? key;
            var (name, reference) = NpmSpecifier.SplitNameAndRange(resolution);
            var colon = reference.IndexOf(':');
            var protocol = colon > 0 ? reference[..(colon + 1)] : "";
            switch (protocol)
            {
                case "npm:":
                case "patch:":
                    set.Add(name, DependencyKind.Prod, version.Length > 0 ? version : reference[colon..].TrimStart(':'));
                    break;
                default:
                    set.Skip(name, NpmSpecifier.NonRegistryReason(reference) ?? $"not resolved from the registry ({reference})", reference);
                    break;
            }
        }
    }
}
