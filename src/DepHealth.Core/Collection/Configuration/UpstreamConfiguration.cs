namespace DepHealth.Core.Collection.Configuration;

/// <summary>
/// Resolves every upstream's base URL: a <c>DEPHEALTH_*_URL</c> override first, else the user's npm/pip
/// configuration for the registries, else the code default (deps.dev, GitHub, bundlephobia only).
/// npm's downloads API and pypistats have no npm/pip setting: they come only from their override.
/// </summary>
public static class UpstreamConfiguration
{
    public static UpstreamConfigurationResult Load(ConfigurationSources sources)
    {
        var options = new UpstreamOptions();
        var warnings = new List<string>();

        var (npm, npmOrigin) = NpmConfigReader.FindRegistry(sources);
        options.NpmRegistry = Parse(npm, npmOrigin, warnings);

        var (index, indexOrigin) = PipConfigReader.FindIndexUrl(sources);
        options.PyPI = index is null ? null : Parse(PipConfigReader.DeriveJsonApiBase(index), indexOrigin, warnings);

        foreach (var upstream in Upstreams.All)
        {
            var variable = upstream.EnvironmentVariable();
            if (sources.GetVariable(variable) is { Length: > 0 } value)
                options.SetBaseUrl(upstream, Parse(value, variable, warnings));
        }

        foreach (var upstream in Upstreams.All)
        {
            if (options.BaseUrl(upstream) is null)
                warnings.Add($"{upstream.DisplayName()}: no base URL configured (set {upstream.EnvironmentVariable()}); this source will be reported missing.");
        }

        options.GitHubToken = sources.GetVariable("GITHUB_TOKEN") is { Length: > 0 } token ? token.Trim() : null;
        if (options.GitHubToken is null)
            warnings.Add("GitHub: GITHUB_TOKEN is not set; unauthenticated requests are limited to 60 per hour.");

        return new UpstreamConfigurationResult(options, warnings);
    }

    private static Uri? Parse(string? value, string? origin, List<string> warnings)
    {
        if (value is null)
            return null;
        var uri = UpstreamOptions.ParseBaseUrl(value);
        if (uri is null)
            warnings.Add($"{origin}: not an absolute http(s) URL without query; ignored.");
        return uri;
    }
}
