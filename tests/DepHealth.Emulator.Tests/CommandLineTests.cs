using System.Diagnostics;
using System.Text.Json;

namespace DepHealth.Emulator.Tests;

/// <summary>The <c>upstream</c> subcommand as a person runs it: a separate process that prints base URLs and env variables.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Upstream_command_prints_env_variables_and_serves_with_the_given_latency_and_faults()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "DepHealth.Emulator.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "upstream", "--port", "0", "--seed", "42", "--now", "2026-11-27T12:00:00Z", "--latency", "npm=60+10,github=5",
                             "--new-connection-delay", "20", "--fault", "bundlephobia:status:503@1#1" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            var env = new Dictionary<string, string>();
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(ready.Token) is { } line && line != "Serving until Ctrl-C.")
            {
                if (line.StartsWith("export ", StringComparison.Ordinal))
                {
                    var eq = line.IndexOf('=');
                    env[line[7..eq]] = line[(eq + 1)..];
                }
            }
            Assert.Equal(
                ["DEPHEALTH_BUNDLEPHOBIA_URL", "DEPHEALTH_DEPSDEV_URL", "DEPHEALTH_GITHUB_URL", "DEPHEALTH_NPM_DOWNLOADS_URL", "DEPHEALTH_NPM_REGISTRY_URL", "DEPHEALTH_PYPISTATS_URL", "DEPHEALTH_PYPI_URL"],
                env.Keys.Order(StringComparer.Ordinal));

            using var http = TestEmulator.Client();
            var chalk = await http.GetJsonAsync(env["DEPHEALTH_NPM_REGISTRY_URL"] + "/chalk/latest");
            Assert.Equal("chalk", chalk.GetProperty("name").GetString());
            Assert.Equal(503, await http.StatusAsync(env["DEPHEALTH_BUNDLEPHOBIA_URL"] + "/api/size?package=chalk"));
            Assert.Equal(200, await http.StatusAsync(env["DEPHEALTH_BUNDLEPHOBIA_URL"] + "/api/size?package=chalk"));

            // Another process, same seed and "now": the same bytes as an in-process emulator (documents without base URLs).
            await using (var local = await TestEmulator.StartAsync())
            {
                foreach (var (variable, path) in new[] { ("DEPHEALTH_DEPSDEV_URL", "/v3/systems/npm/packages/%40babel%2Fcore"), ("DEPHEALTH_NPM_DOWNLOADS_URL", "/downloads/range/last-month/chalk") })
                {
                    var theirs = await http.GetByteArrayAsync(env[variable] + path);
                    var ours = await http.GetByteArrayAsync(local.BaseUrls.Root.GetLeftPart(UriPartial.Authority) + new Uri(env[variable]).AbsolutePath + path);
                    Assert.Equal(ours, theirs);
                }
            }

            var root = new Uri(env["DEPHEALTH_NPM_REGISTRY_URL"]).GetLeftPart(UriPartial.Authority);
            var log = await http.GetJsonAsync(root + "/_control/log");
            var npm = log.GetProperty("requests").EnumerateArray().First(r => r.GetProperty("upstream").GetString() == "npm");
            Assert.InRange(npm.GetProperty("addedLatencyMs").GetDouble(), 60, 70);
            Assert.Equal(20, log.GetProperty("connections")[0].GetProperty("delayMs").GetDouble());

            // Ctrl-C (SIGINT) stops it cleanly. Our keep-alive connections are closed first: graceful shutdown may wait
            // for open connections, and a CI run once timed out here after 30 s.
            http.Dispose();
            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString()]))
                await interrupt.WaitForExitAsync();
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(exited.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    [Fact]
    public async Task Bad_options_exit_2_with_a_message()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "DepHealth.Emulator.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "upstream", "--latency", "nosuch=10" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("unknown upstream 'nosuch'", stderr);
    }
}
