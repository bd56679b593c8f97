using System.Text.RegularExpressions;

namespace DepHealth.Core.Collection.Configuration;

/// <summary>
/// Reads the npm registry the user has configured, as npm does: <c>npm_config_registry</c> (any case),
/// then <c>registry=</c> in ./.npmrc, then in the user config (<c>NPM_CONFIG_USERCONFIG</c> or ~/.npmrc).
/// Scoped registries (<c>@scope:registry=</c>) and the global npmrc are not read.
/// </summary>
internal static partial class NpmConfigReader
{
    [GeneratedRegex(@"\$\{([^}]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex EnvReference();

    /// <summary>The configured registry and where it came from, or (null, null).</summary>
    public static (string? Value, string? Origin) FindRegistry(ConfigurationSources sources)
    {
        foreach (var name in new[] { "npm_config_registry", "NPM_CONFIG_REGISTRY" })
        {
            if (sources.GetVariable(name) is { Length: > 0 } fromEnv)
                return (fromEnv, name);
        }

        var project = Path.Combine(sources.WorkingDirectory, ".npmrc");
        if (ReadKey(project, sources) is { } fromProject)
            return (fromProject, "./.npmrc");

        var userConfig = sources.GetVariable("npm_config_userconfig") ?? sources.GetVariable("NPM_CONFIG_USERCONFIG");
        if (string.IsNullOrEmpty(userConfig) && sources.HomeDirectory is { Length: > 0 } home)
            userConfig = Path.Combine(home, ".npmrc");
        if (!string.IsNullOrEmpty(userConfig) && ReadKey(userConfig, sources) is { } fromUser)
            return (fromUser, "~/.npmrc");

        return (null, null);
    }

    private static string? ReadKey(string path, ConfigurationSources sources)
    {
        if (!File.Exists(path))
            return null;
        string? found = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            var eq = line.IndexOf('=');
            if (eq <= 0 || !line[..eq].Trim().Equals("registry", StringComparison.OrdinalIgnoreCase))
                continue;
            // npm: the last assignment in a file wins; ${VAR} is expanded from the environment.
            found = EnvReference().Replace(line[(eq + 1)..].Trim(), m => sources.GetVariable(m.Groups[1].Value) ?? "");
        }
        return string.IsNullOrWhiteSpace(found) ? null : found;
    }
}
