namespace DepHealth.Emulator.Upstream.Hosting;

/// <summary>The base URL of each emulated upstream (<c>http://127.0.0.1:PORT/{token}</c>, no trailing slash).</summary>
public sealed class UpstreamBaseUrls(Uri root)
{
    /// <summary><c>http://127.0.0.1:PORT</c>; the control API lives under <c>/_control</c>.</summary>
    public Uri Root { get; } = root;

    public string this[UpstreamKind kind] => $"{Root.GetLeftPart(UriPartial.Authority)}/{kind.Token()}";

    public string DepsDev => this[UpstreamKind.DepsDev];
    public string Npm => this[UpstreamKind.Npm];
    public string NpmDownloads => this[UpstreamKind.NpmDownloads];
    public string GitHub => this[UpstreamKind.GitHub];
    public string Bundlephobia => this[UpstreamKind.Bundlephobia];
    public string PyPI => this[UpstreamKind.PyPI];
    public string PyPIStats => this[UpstreamKind.PyPIStats];
    public string Control => $"{Root.GetLeftPart(UriPartial.Authority)}/_control";

    /// <summary><c>DEPHEALTH_*_URL</c> → base URL, in <see cref="UpstreamKinds.All"/> order: what a collector process needs.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables =>
        UpstreamKinds.All.Select(k => new KeyValuePair<string, string>(k.EnvironmentVariable(), this[k])).ToArray();
}
