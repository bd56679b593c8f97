namespace DepHealth.Emulator.Upstream;

/// <summary>One emulated upstream service; each is served under its own path prefix (its own base URL).</summary>
public enum UpstreamKind
{
    DepsDev,
    Npm,
    NpmDownloads,
    GitHub,
    Bundlephobia,
    PyPI,
    PyPIStats,
}

/// <summary>Path prefixes, command-line tokens and collector environment variables of each <see cref="UpstreamKind"/>.</summary>
public static class UpstreamKinds
{
    public static readonly IReadOnlyList<UpstreamKind> All = Enum.GetValues<UpstreamKind>();

    /// <summary>The token used in paths, options and the control API: depsdev, npm, npm-downloads, github, bundlephobia, pypi, pypistats.</summary>
    public static string Token(this UpstreamKind kind) => kind switch
    {
        UpstreamKind.DepsDev => "depsdev",
        UpstreamKind.Npm => "npm",
        UpstreamKind.NpmDownloads => "npm-downloads",
        UpstreamKind.GitHub => "github",
        UpstreamKind.Bundlephobia => "bundlephobia",
        UpstreamKind.PyPI => "pypi",
        UpstreamKind.PyPIStats => "pypistats",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The environment variable a collector reads this upstream's base URL from.</summary>
    public static string EnvironmentVariable(this UpstreamKind kind) => kind switch
    {
        UpstreamKind.DepsDev => "DEPHEALTH_DEPSDEV_URL",
        UpstreamKind.Npm => "DEPHEALTH_NPM_REGISTRY_URL",
        UpstreamKind.NpmDownloads => "DEPHEALTH_NPM_DOWNLOADS_URL",
        UpstreamKind.GitHub => "DEPHEALTH_GITHUB_URL",
        UpstreamKind.Bundlephobia => "DEPHEALTH_BUNDLEPHOBIA_URL",
        UpstreamKind.PyPI => "DEPHEALTH_PYPI_URL",
        UpstreamKind.PyPIStats => "DEPHEALTH_PYPISTATS_URL",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? token, out UpstreamKind kind)
    {
        foreach (var k in All)
        {
            if (string.Equals(k.Token(), token, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }

    public static UpstreamKind Parse(string token) =>
        TryParse(token, out var kind) ? kind : throw new FormatException($"unknown upstream '{token}' (expected one of: {string.Join(", ", All.Select(Token))})");
}
