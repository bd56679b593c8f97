using DepHealth.Core.Collection.Configuration;

namespace DepHealth.Collection.Tests.Configuration;

public sealed class UpstreamConfigurationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dephealth-config-").FullName;
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);

    private string Home => Path.Combine(_root, "home");
    private string Work => Path.Combine(_root, "work");

    public UpstreamConfigurationTests()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Work);
    }

    private UpstreamConfigurationResult Load() =>
        UpstreamConfiguration.Load(new ConfigurationSources(
            n => _env.TryGetValue(n, out var v) ? v : null, Home, Work, Path.Combine(_root, "etc", "pip.conf")));

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Nothing_configured_leaves_registries_missing_with_a_warning_each_and_keeps_public_defaults()
    {
        var result = Load();

        Assert.Null(result.Options.NpmRegistry);
        Assert.Null(result.Options.NpmDownloads);
        Assert.Null(result.Options.PyPI);
        Assert.Null(result.Options.PyPIStats);
        Assert.Equal(UpstreamOptions.DefaultDepsDev, result.Options.DepsDev);
        Assert.Equal(UpstreamOptions.DefaultGitHub, result.Options.GitHub);
        Assert.Equal(UpstreamOptions.DefaultBundlephobia, result.Options.Bundlephobia);
        foreach (var variable in new[] { "DEPHEALTH_NPM_REGISTRY_URL", "DEPHEALTH_NPM_DOWNLOADS_URL", "DEPHEALTH_PYPI_URL", "DEPHEALTH_PYPISTATS_URL" })
            Assert.Contains(result.Warnings, w => w.Contains(variable, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("DEPHEALTH_DEPSDEV_URL", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("GITHUB_TOKEN", StringComparison.Ordinal));
    }

    [Fact]
    public void Npm_registry_comes_from_user_npmrc_then_project_npmrc_then_environment()
    {
        Write(Path.Combine(Home, ".npmrc"), "; comment\nregistry=https://user-mirror.example/npm/\n@corp:registry=https://corp.example/\n");
        Assert.Equal("https://user-mirror.example/npm/", Load().Options.NpmRegistry!.AbsoluteUri);

        Write(Path.Combine(Work, ".npmrc"), "registry = https://project-mirror.example\n");
        Assert.Equal("https://project-mirror.example/", Load().Options.NpmRegistry!.AbsoluteUri);

        _env["npm_config_registry"] = "https://env-mirror.example/r";
        Assert.Equal("https://env-mirror.example/r/", Load().Options.NpmRegistry!.AbsoluteUri);

        _env["DEPHEALTH_NPM_REGISTRY_URL"] = "http://127.0.0.1:4873";
        Assert.Equal("http://127.0.0.1:4873/", Load().Options.NpmRegistry!.AbsoluteUri);
    }

    [Fact]
    public void Npmrc_expands_environment_references()
    {
        _env["MIRROR_HOST"] = "expanded.example";
        Write(Path.Combine(Home, ".npmrc"), "registry=https://${MIRROR_HOST}/npm/\n");
        Assert.Equal("https://expanded.example/npm/", Load().Options.NpmRegistry!.AbsoluteUri);
    }

    [Fact]
    public void PyPI_json_base_is_derived_from_pip_config_files_in_order()
    {
        Write(Path.Combine(_root, "etc", "pip.conf"), "[global]\nindex-url = https://system.example/simple\n");
        Assert.Equal("https://system.example/", Load().Options.PyPI!.AbsoluteUri);

        Write(Path.Combine(Home, ".pip", "pip.conf"), "[global]\nindex_url = https://legacy-user.example/pypi/simple/\n");
        Assert.Equal("https://legacy-user.example/pypi/", Load().Options.PyPI!.AbsoluteUri);

        Write(Path.Combine(Home, ".config", "pip", "pip.conf"), "[global]\ntimeout = 60\n[install]\nindex-url = https://user.example/root/pypi/+simple/\n");
        Assert.Equal("https://user.example/root/pypi/", Load().Options.PyPI!.AbsoluteUri);

        var explicitFile = Path.Combine(_root, "custom.conf");
        Write(explicitFile, "[global]\nindex-url = https://explicit.example/simple/\n");
        _env["PIP_CONFIG_FILE"] = explicitFile;
        Assert.Equal("https://explicit.example/", Load().Options.PyPI!.AbsoluteUri);

        _env["PIP_INDEX_URL"] = "https://env.example/simple/";
        Assert.Equal("https://env.example/", Load().Options.PyPI!.AbsoluteUri);

        _env["DEPHEALTH_PYPI_URL"] = "http://127.0.0.1:9000/";
        Assert.Equal("http://127.0.0.1:9000/", Load().Options.PyPI!.AbsoluteUri);
    }

    [Fact]
    public void Overrides_set_every_upstream_and_the_github_token()
    {
        foreach (var upstream in Upstreams.All)
            _env[upstream.EnvironmentVariable()] = $"http://127.0.0.1:{5000 + (int)upstream}/";
        _env["GITHUB_TOKEN"] = "ghp_example";

        var result = Load();

        foreach (var upstream in Upstreams.All)
            Assert.Equal($"http://127.0.0.1:{5000 + (int)upstream}/", result.Options.BaseUrl(upstream)!.AbsoluteUri);
        Assert.Equal("ghp_example", result.Options.GitHubToken);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void An_invalid_url_is_refused_with_a_warning_that_does_not_echo_it()
    {
        _env["DEPHEALTH_DEPSDEV_URL"] = "file:///etc/passwd";
        _env["DEPHEALTH_NPM_REGISTRY_URL"] = "ftp://user:secret-token@mirror.example/";

        var result = Load();

        Assert.Null(result.Options.DepsDev);
        Assert.Null(result.Options.NpmRegistry);
        Assert.Contains(result.Warnings, w => w.StartsWith("DEPHEALTH_DEPSDEV_URL", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("secret-token", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
