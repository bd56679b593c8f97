namespace DepHealth.Core.Collection.Configuration;

/// <summary>
/// Reads pip's index URL (<c>PIP_INDEX_URL</c>, else <c>index-url</c> in $PIP_CONFIG_FILE,
/// ~/.config/pip/pip.conf, ~/.pip/pip.conf, /etc/pip.conf, first found) and derives the JSON API base
/// from it by dropping a trailing <c>/simple</c>.
/// </summary>
internal static class PipConfigReader
{
    public static (string? Value, string? Origin) FindIndexUrl(ConfigurationSources sources)
    {
        if (sources.GetVariable("PIP_INDEX_URL") is { Length: > 0 } fromEnv)
            return (fromEnv, "PIP_INDEX_URL");

        foreach (var file in CandidateFiles(sources))
        {
            if (ReadIndexUrl(file) is { } value)
                return (value, file == sources.SystemPipConfig ? file : "pip.conf");
        }
        return (null, null);
    }

    /// <summary><c>https://mirror/simple/</c> → <c>https://mirror/</c>; devpi's <c>/+simple</c> likewise.</summary>
    public static string DeriveJsonApiBase(string indexUrl)
    {
        var trimmed = indexUrl.Trim().TrimEnd('/');
        foreach (var suffix in new[] { "/+simple", "/simple" })
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return trimmed[..^suffix.Length] + "/";
        }
        return trimmed + "/";
    }

    private static IEnumerable<string> CandidateFiles(ConfigurationSources sources)
    {
        if (sources.GetVariable("PIP_CONFIG_FILE") is { Length: > 0 } explicitFile)
            yield return explicitFile;
        var xdg = sources.GetVariable("XDG_CONFIG_HOME");
        if (!string.IsNullOrEmpty(xdg))
            yield return Path.Combine(xdg, "pip", "pip.conf");
        if (sources.HomeDirectory is { Length: > 0 } home)
        {
            if (string.IsNullOrEmpty(xdg))
                yield return Path.Combine(home, ".config", "pip", "pip.conf");
            yield return Path.Combine(home, ".pip", "pip.conf");
        }
        yield return sources.SystemPipConfig;
    }

    private static string? ReadIndexUrl(string path)
    {
        if (!File.Exists(path))
            return null;
        string? section = null;
        string? global = null, install = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1].Trim().ToLowerInvariant();
                continue;
            }
            var sep = line.IndexOfAny(['=', ':']);
            if (sep <= 0)
                continue;
            var key = line[..sep].Trim().Replace('_', '-').ToLowerInvariant();
            if (key != "index-url")
                continue;
            var value = line[(sep + 1)..].Trim();
            if (section == "global") global = value;
            else if (section == "install") install = value;
        }
        var found = install ?? global;
        return string.IsNullOrWhiteSpace(found) ? null : found;
    }
}
