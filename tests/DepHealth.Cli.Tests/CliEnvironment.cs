namespace DepHealth.Cli.Tests;

/// <summary>A private HOME (so no real config file is read) and the variables that point the CLI at an API.</summary>
public sealed class CliEnvironment : IDisposable
{
    public string Home { get; } = Directory.CreateTempSubdirectory("dephealth-cli-home-").FullName;

    public Dictionary<string, string?> Variables(string? apiUrl = null, string? apiKey = null, int maxRetries = 0)
    {
        var env = new Dictionary<string, string?>
        {
            ["HOME"] = Home,
            ["XDG_CONFIG_HOME"] = null,
            ["DEPHEALTH_API_URL"] = apiUrl,
            ["DEPHEALTH_API_KEY"] = apiKey,
            ["DEPHEALTH_MAX_RETRIES"] = maxRetries.ToString(),
            ["DEPHEALTH_TIMEOUT_SECONDS"] = "10",
        };
        return env;
    }

    public string ConfigPath => Path.Combine(Home, ".config", "dephealth", "config.json");

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
