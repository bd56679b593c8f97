namespace DepHealth.Core.Collection.Configuration;

/// <summary>The upstream services the collectors call, each under its own configured base URL.</summary>
public enum Upstream
{
    DepsDev,
    NpmRegistry,
    NpmDownloads,
    GitHub,
    Bundlephobia,
    PyPI,
    PyPIStats,
}

/// <summary>Names of upstreams: the environment variable that overrides each base URL, and a display name.</summary>
public static class Upstreams
{
    public static readonly IReadOnlyList<Upstream> All =
        [Upstream.DepsDev, Upstream.NpmRegistry, Upstream.NpmDownloads, Upstream.GitHub, Upstream.Bundlephobia, Upstream.PyPI, Upstream.PyPIStats];

    /// <summary>The <c>DEPHEALTH_*_URL</c> variable that overrides the base URL (the emulator prints these names).</summary>
    public static string EnvironmentVariable(this Upstream upstream) => upstream switch
    {
        Upstream.DepsDev => "DEPHEALTH_DEPSDEV_URL",
        Upstream.NpmRegistry => "DEPHEALTH_NPM_REGISTRY_URL",
        Upstream.NpmDownloads => "DEPHEALTH_NPM_DOWNLOADS_URL",
        Upstream.GitHub => "DEPHEALTH_GITHUB_URL",
        Upstream.Bundlephobia => "DEPHEALTH_BUNDLEPHOBIA_URL",
        Upstream.PyPI => "DEPHEALTH_PYPI_URL",
        Upstream.PyPIStats => "DEPHEALTH_PYPISTATS_URL",
        _ => throw new ArgumentOutOfRangeException(nameof(upstream)),
    };

    public static string DisplayName(this Upstream upstream) => upstream switch
    {
        Upstream.DepsDev => "deps.dev",
        Upstream.NpmRegistry => "npm registry",
        Upstream.NpmDownloads => "npm downloads API",
        Upstream.GitHub => "GitHub",
        Upstream.Bundlephobia => "bundlephobia",
        Upstream.PyPI => "PyPI",
        Upstream.PyPIStats => "pypistats",
        _ => throw new ArgumentOutOfRangeException(nameof(upstream)),
    };
}
