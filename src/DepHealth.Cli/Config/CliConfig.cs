namespace DepHealth.Cli.Config;

/// <summary>The API base URL and key the CLI uses, and where each came from (for messages; never the key itself).</summary>
public sealed record CliConfig(Uri ApiUrl, string? ApiKey, string UrlSource, string? KeySource)
{
    public const string ApiKeyVariable = "DEPHEALTH_API_KEY";
    public const string ApiUrlVariable = "DEPHEALTH_API_URL";
    /// <summary>The local server (src/DepHealth.Server) when nothing is configured.</summary>
    public const string DefaultApiUrl = "http://127.0.0.1:8080";

    /// <summary>
    /// Environment first, then the config file, then the default URL. Returns null with an error for a URL that is not
    /// absolute http(s); plain http is accepted only for loopback hosts so that a key never crosses a network unencrypted.
    /// </summary>
    public static CliConfig? Resolve(Func<string, string?> env, ConfigFile file, TextWriter warnings, out string? error)
    {
        error = null;
        var stored = file.Read(warnings);
        string? key = NonEmpty(env(ApiKeyVariable)), keySource = key is null ? null : ApiKeyVariable;
        if (key is null && NonEmpty(stored?.ApiKey) is { } fromFile)
            (key, keySource) = (fromFile, file.Path);

        string url = DefaultApiUrl, urlSource = "default";
        if (NonEmpty(env(ApiUrlVariable)) is { } fromEnv)
            (url, urlSource) = (fromEnv, ApiUrlVariable);
        else if (NonEmpty(stored?.ApiUrl) is { } fromFileUrl)
            (url, urlSource) = (fromFileUrl, file.Path);

        if (!TryParseApiUrl(url, out var uri, out error))
        {
            error = $"{urlSource}: {error}";
            return null;
        }
        return new CliConfig(uri!, key, urlSource, keySource);
    }

    /// <summary>An absolute http(s) URL; http only for loopback.</summary>
    public static bool TryParseApiUrl(string text, out Uri? uri, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = $"API URL '{text}' is not an absolute http(s) URL";
            uri = null;
            return false;
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            error = $"API URL '{text}' must use https (plain http is allowed only for localhost)";
            uri = null;
            return false;
        }
        // Keep a stage path such as /prod: relative routes are appended to it.
        if (!uri.AbsolutePath.EndsWith('/'))
            uri = new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
        return true;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
