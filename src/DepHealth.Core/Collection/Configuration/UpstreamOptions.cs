namespace DepHealth.Core.Collection.Configuration;

/// <summary>
/// Base URLs of the upstreams and the GitHub token. A null URL means "not configured": that source is
/// reported missing, never guessed. Only deps.dev, GitHub and bundlephobia have code defaults; the
/// package registries come from the user's npm/pip configuration (see <see cref="UpstreamConfiguration"/>).
/// </summary>
public sealed class UpstreamOptions
{
    public static readonly Uri DefaultDepsDev = new("https://api.deps.dev");
    public static readonly Uri DefaultGitHub = new("https://api.github.com");
    public static readonly Uri DefaultBundlephobia = new("https://bundlephobia.com");

    public Uri? DepsDev { get; set; } = DefaultDepsDev;
    public Uri? NpmRegistry { get; set; }
    public Uri? NpmDownloads { get; set; }
    public Uri? GitHub { get; set; } = DefaultGitHub;
    public Uri? Bundlephobia { get; set; } = DefaultBundlephobia;
    public Uri? PyPI { get; set; }
    public Uri? PyPIStats { get; set; }

    /// <summary>Sent as a Bearer token to GitHub only; never logged.</summary>
    public string? GitHubToken { get; set; }

    public Uri? BaseUrl(Upstream upstream) => upstream switch
    {
        Upstream.DepsDev => DepsDev,
        Upstream.NpmRegistry => NpmRegistry,
        Upstream.NpmDownloads => NpmDownloads,
        Upstream.GitHub => GitHub,
        Upstream.Bundlephobia => Bundlephobia,
        Upstream.PyPI => PyPI,
        Upstream.PyPIStats => PyPIStats,
        _ => throw new ArgumentOutOfRangeException(nameof(upstream)),
    };

    public void SetBaseUrl(Upstream upstream, Uri? value)
    {
        switch (upstream)
        {
            case Upstream.DepsDev: DepsDev = value; break;
            case Upstream.NpmRegistry: NpmRegistry = value; break;
            case Upstream.NpmDownloads: NpmDownloads = value; break;
            case Upstream.GitHub: GitHub = value; break;
            case Upstream.Bundlephobia: Bundlephobia = value; break;
            case Upstream.PyPI: PyPI = value; break;
            case Upstream.PyPIStats: PyPIStats = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(upstream));
        }
    }

    /// <summary>
    /// Every upstream's base URL from its <c>DEPHEALTH_*_URL</c> variable in <paramref name="variables"/> (as the upstream
    /// emulator prints them); throws when one is missing or not an http(s) URL, so a half-pointed client never starts.
    /// </summary>
    public static UpstreamOptions FromBaseUrlVariables(IEnumerable<KeyValuePair<string, string>> variables)
    {
        var byName = variables.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var options = new UpstreamOptions();
        foreach (var upstream in Upstreams.All)
        {
            var name = upstream.EnvironmentVariable();
            options.SetBaseUrl(upstream, ParseBaseUrl(byName.GetValueOrDefault(name))
                ?? throw new InvalidOperationException($"{name} is missing or not an http(s) URL"));
        }
        return options;
    }

    /// <summary>Parses an absolute http(s) base URL; anything else is refused (null).</summary>
    public static Uri? ParseBaseUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        value = value.Trim().Trim('"', '\'');
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
            return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            return null;
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            return null;
        // Normalise to a trailing slash so relative paths append to any path prefix (private registries).
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
