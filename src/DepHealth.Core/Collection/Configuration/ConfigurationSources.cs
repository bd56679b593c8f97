namespace DepHealth.Core.Collection.Configuration;

/// <summary>Where configuration is read from: environment variables, the home and working directories.</summary>
/// <param name="GetVariable">Reads an environment variable (null when unset).</param>
/// <param name="HomeDirectory">The user's home (for ~/.npmrc and pip's user config), or null.</param>
/// <param name="WorkingDirectory">The directory whose ./.npmrc is the project config.</param>
/// <param name="SystemPipConfig">pip's site-wide config file.</param>
public sealed record ConfigurationSources(
    Func<string, string?> GetVariable,
    string? HomeDirectory,
    string WorkingDirectory,
    string SystemPipConfig = "/etc/pip.conf")
{
    /// <summary>The current process: its environment, HOME and working directory.</summary>
    public static ConfigurationSources FromProcess() => new(
        Environment.GetEnvironmentVariable,
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home
            ? home
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Directory.GetCurrentDirectory());
}

/// <summary>The resolved upstream options and the warnings to print at start (never containing URL values, which may hold credentials).</summary>
public sealed record UpstreamConfigurationResult(UpstreamOptions Options, IReadOnlyList<string> Warnings);
