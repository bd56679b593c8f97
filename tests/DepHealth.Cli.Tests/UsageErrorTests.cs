using DepHealth.Testing;

namespace DepHealth.Cli.Tests;

/// <summary>Bad arguments, missing configuration and an unreachable API all exit 2 with a message on stderr; nothing on stdout.</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly CliEnvironment _env = new();

    public static TheoryData<string[], string> BadArguments() => new()
    {
        { ["check"], "a package name is required" },
        { ["check", "lodash", "-e", "cargo"], "--ecosystem must be npm or pypi" },
        { ["check", "../etc/passwd"], "is not a valid npm package name" },
        { ["check", "lodash", "--bogus"], "unexpected argument '--bogus'" },
        { ["scan", "--fail-on", "LOW"], "--fail-on must be HIGH or CRITICAL" },
        { ["scan", "--fail-on"], "--fail-on must be HIGH or CRITICAL" },
        { ["scan", "-o", "xml"], "--output must be one of table, json, sarif, markdown" },
        { ["scan", "no/such/folder"], "no/such/folder does not exist" },
        { ["scan", "--max-manifests", "0"], "--max-manifests must be a whole number" },
        { ["usage", "extra"], "unexpected argument 'extra'" },
        { ["config", "set"], "give --api-key and/or --api-url" },
        { ["config", "set", "--api-url", "http://example.org"], "must use https" },
        // Errors System.CommandLine reports itself exit 2 too, not its default 1 (which means "threshold exceeded").
        { ["deps"], "dephealth deps: Required argument missing" },
        { ["deps", "--json"], "dephealth deps: Required argument missing" },
        { [], "dephealth: Required command was not provided" },
        { ["frobnicate"], "Unrecognized command or argument 'frobnicate'" },
        { ["deps", "a", "b"], "Unrecognized command or argument 'b'" },
    };

    [Theory, MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_exit_2_with_a_message(string[] args, string message)
    {
        var result = await CliRunner.RunAsync(null, _env.Variables(), args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public async Task Scan_without_an_api_key_exits_2()
    {
        var manifest = RepoPaths.CorpusFile("manifests", "npm", "chalk__chalk__package.json");
        var result = await CliRunner.RunAsync(null, _env.Variables(apiUrl: "http://127.0.0.1:9"), "scan", manifest);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no API key", result.StdErr);
    }

    [Fact]
    public async Task An_unreachable_api_exits_2_naming_the_url()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var manifest = RepoPaths.CorpusFile("manifests", "npm", "chalk__chalk__package.json");
        foreach (var args in new[] { new[] { "check", "lodash" }, ["scan", manifest], ["usage"] })
        {
            var result = await CliRunner.RunAsync(null, _env.Variables(apiUrl: url, apiKey: "dh_test"), args);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"cannot reach the DepHealth API at {url}/", result.StdErr);
        }
    }

    [Fact]
    public async Task A_plain_http_url_to_another_host_is_refused_before_any_request()
    {
        var result = await CliRunner.RunAsync(null, _env.Variables(apiUrl: "http://api.example.org", apiKey: "dh_test"), "usage");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("must use https", result.StdErr);
    }

    public void Dispose() => _env.Dispose();
}
