namespace DepHealth.Cli.Tests;

/// <summary>The config file: created 0600, a looser mode is warned about, values are used, the key is never printed whole.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConfigFileTests : IDisposable
{
    private readonly CliEnvironment _env = new();

    [Fact]
    public async Task Config_set_creates_the_file_owner_only_and_show_masks_the_key()
    {
        var set = await CliRunner.RunAsync(null, _env.Variables(), "config", "set", "--api-key", "dh_secret_value_1234", "--api-url", "http://127.0.0.1:8080");
        Assert.Equal(0, set.ExitCode);
        Assert.True(File.Exists(_env.ConfigPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_env.ConfigPath));

        var show = await CliRunner.RunAsync(null, _env.Variables(), "config", "show");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("********1234", show.StdOut);
        Assert.DoesNotContain("dh_secret_value_1234", show.StdOut + show.StdErr);
        Assert.Contains("http://127.0.0.1:8080/", show.StdOut);
        Assert.Equal("", show.StdErr);
    }

    [Fact]
    public async Task A_config_file_readable_by_others_is_warned_about()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_env.ConfigPath)!);
        await File.WriteAllTextAsync(_env.ConfigPath, """{"api_key":"dh_from_file_9876"}""");
        File.SetUnixFileMode(_env.ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var show = await CliRunner.RunAsync(null, _env.Variables(), "config", "show");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("readable by other users (mode 644)", show.StdErr);
        Assert.Contains("chmod 600", show.StdErr);
        Assert.Contains("********9876", show.StdOut);

        // Setting a value tightens the mode.
        await CliRunner.RunAsync(null, _env.Variables(), "config", "set", "--api-url", "https://api.example.org/prod");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_env.ConfigPath));
        var again = await CliRunner.RunAsync(null, _env.Variables(), "config", "show");
        Assert.Equal("", again.StdErr);
        Assert.Contains("https://api.example.org/prod/", again.StdOut);
        Assert.Contains("********9876", again.StdOut);
    }

    [Fact]
    public async Task The_environment_wins_over_the_file()
    {
        await CliRunner.RunAsync(null, _env.Variables(), "config", "set", "--api-key", "dh_file_key_aaaa");
        var vars = _env.Variables(apiKey: "dh_env_key_bbbb");
        var show = await CliRunner.RunAsync(null, vars, "config", "show");
        Assert.Contains("********bbbb (DEPHEALTH_API_KEY)", show.StdOut);
    }

    public void Dispose() => _env.Dispose();
}
