using System.Text.Json;
using DepHealth.Testing;

namespace DepHealth.Cli.Tests.Server;

/// <summary>
/// The <c>dephealth</c> CLI as a process against the real local server: check, scan of corpus manifests in every output
/// format, usage, and the exit code of every path (0 ok, 1 threshold exceeded, 2 usage error, bad key, unreachable API,
/// invalid manifest).
/// </summary>
public sealed class CliServerTests(CliServerFixture server) : IClassFixture<CliServerFixture>
{
    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync(null, server.Variables(), args);

    private static JsonElement Json(CliRunner.Result r) => JsonDocument.Parse(r.StdOut).RootElement;

    private static string[] Names(JsonElement report, string array = "packages") =>
        report.GetProperty(array).EnumerateArray()
            .Select(p => p.ValueKind == JsonValueKind.String ? p.GetString()! : p.GetProperty("package").GetString()!).ToArray();

    [Fact]
    public async Task The_fixture_imported_every_record_and_the_key_came_from_create_key()
    {
        Assert.Equal(23, server.RecordsImported);
        Assert.StartsWith("dh_", server.ApiKey);
    }

    [Fact]
    public async Task Check_of_a_stored_package_prints_its_score_and_exits_0()
    {
        var r = await Run("check", "typescript");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdErr);
        Assert.Equal("typescript@5.9.3 (npm)", r.Lines[0]);
        Assert.Matches(@"^Health score\s+\d+(\.\d)? / 100\s+(LOW|MEDIUM|HIGH|CRITICAL) risk$", r.Lines[1]);
        Assert.Matches(@"^Abandonment\s+\d+(\.\d+)?% within 12 months$", r.Lines[2]);
    }

    [Fact]
    public async Task Check_normalises_a_pypi_name_and_json_prints_the_full_answer()
    {
        var r = await Run("check", "Charset_Normalizer", "-e", "pypi", "--json");

        Assert.Equal(0, r.ExitCode);
        var answer = Json(r);
        Assert.Equal("charset-normalizer", answer.GetProperty("package").GetString());
        Assert.Equal("pypi", answer.GetProperty("ecosystem").GetString());
        Assert.Equal(JsonValueKind.Number, answer.GetProperty("health_score").ValueKind);
        Assert.True(answer.TryGetProperty("signals", out _));
    }

    [Fact]
    public async Task Check_of_an_unknown_package_exits_2_and_says_not_found()
    {
        var r = await Run("check", "no-such-package-cli-test");

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.StdOut);
        Assert.Contains("package not found: npm/no-such-package-cli-test", r.StdErr);
    }

    [Theory]
    [InlineData("npm", "../etc/passwd")]
    [InlineData("npm", "has space")]
    [InlineData("pypi", "-leading-dash")]
    public async Task Check_of_an_invalid_name_exits_2_before_any_request(string ecosystem, string name)
    {
        // An unreachable URL proves no request is made: that would be a different message.
        var r = await CliRunner.RunAsync(null, server.Environment.Variables($"http://127.0.0.1:{FreePort.Next()}", server.ApiKey),
            "check", name, "-e", ecosystem);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"is not a valid {ecosystem} package name", r.StdErr);
    }

    [Fact]
    public async Task Usage_prints_the_tier_and_the_requests_used_and_exits_0()
    {
        var r = await Run("usage");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("business", r.StdOut);
        Assert.Contains("500,000", r.StdOut.Replace("500000", "500,000"));
    }

    [Fact]
    public async Task Scan_finds_every_manifest_kind_prefers_the_lockfile_and_honours_exclude()
    {
        var r = await Run("scan", server.Workspace, "-r", "--exclude", "examples/**,broken/**,snapshot/**", "-o", "json");

        Assert.Equal(0, r.ExitCode);
        var report = Json(r);
        var manifests = report.GetProperty("manifests").EnumerateArray()
            .ToDictionary(m => m.GetProperty("path").GetString()!, m => m.GetProperty("dependencies").GetInt32());
        Assert.Equal(["api/pyproject.toml", "lock/package-lock.json", "pnpm/pnpm-lock.yaml", "py/requirements.txt", "web/package.json", "yarn/yarn.lock"],
            manifests.Keys.Order(StringComparer.Ordinal));
        Assert.All(manifests.Values, count => Assert.True(count > 0));
        Assert.Equal(["lock/package.json"], Names(report, "superseded"));
        Assert.Equal(0, report.GetProperty("summary").GetProperty("manifests_failed").GetInt32());

        var found = Names(report);
        var stored = StoredNames();
        Assert.NotEmpty(found);
        Assert.All(found, name => Assert.Contains(name, stored));
        Assert.Contains("matcha", found);
        Assert.Contains("typescript", found);
        Assert.NotEmpty(Names(report, "not_found"));
    }

    [Fact]
    public async Task Scan_no_dev_leaves_out_development_dependencies()
    {
        var all = Json(await Run("scan", server.PathOf("api"), "-o", "json"));
        var noDev = Json(await Run("scan", server.PathOf("api"), "--no-dev", "-o", "json"));
        var webNoDev = await Run("scan", server.PathOf("web"), "--no-dev", "-o", "json");

        Assert.Equal(17, all.GetProperty("summary").GetProperty("total").GetInt32());
        Assert.Equal(6, noDev.GetProperty("summary").GetProperty("total").GetInt32()); // 4 prod + 2 optional
        Assert.Contains("pytest", Names(all));
        Assert.DoesNotContain("pytest", Names(noDev));
        Assert.Equal(0, webNoDev.ExitCode);
        Assert.Equal(0, Json(webNoDev).GetProperty("summary").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Scan_as_sarif_is_valid_sarif_2_1_0_with_a_located_result_per_high_risk_package()
    {
        var r = await Run("scan", server.PathOf("snapshot"), "-r", "-o", "sarif");

        Assert.Equal(0, r.ExitCode);
        Assert.Empty(SarifSchema.Validate(r.StdOut));
        var run = Json(r).GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, result =>
        {
            Assert.StartsWith("dephealth/", result.GetProperty("ruleId").GetString());
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var uri = location.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            Assert.True(uri.EndsWith("web/package.json") || uri.EndsWith("api/pyproject.toml"), uri);
            Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
        });
        var matcha = results.Single(x => x.GetProperty("properties").GetProperty("package").GetString() == "matcha");
        Assert.Equal(("dephealth/critical-risk", "error"), (matcha.GetProperty("ruleId").GetString(), matcha.GetProperty("level").GetString()));
        // matcha is declared on its own line of chalk's package.json: the result points there.
        var line = File.ReadAllLines(server.PathOf("snapshot", "web", "package.json")).ToList().FindIndex(l => l.Contains("\"matcha\"")) + 1;
        Assert.Equal(line, matcha.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(3, results.Count); // matcha CRITICAL, chardet and pysocks HIGH: the snapshot's rows at or above HIGH
    }

    [Fact]
    public async Task Scan_as_markdown_is_a_pull_request_comment_with_a_table_of_the_risky_packages()
    {
        var r = await Run("scan", server.PathOf("snapshot"), "-r", "-o", "markdown");

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("#", r.StdOut);
        Assert.Contains("| matcha", r.StdOut.Replace("| `matcha`", "| matcha"));
        Assert.Matches(@"(?m)^\|[-: |]+\|$", r.StdOut);
    }

    [Fact]
    public async Task Scan_as_a_table_matches_the_committed_snapshot()
    {
        var r = await Run("scan", server.PathOf("snapshot"), "-r");

        Assert.Equal(0, r.ExitCode);
        var expectedFile = Path.Combine(RepoPaths.Root, "tests", "DepHealth.Cli.Tests", "Server", "scan-table.expected.txt");
        if (System.Environment.GetEnvironmentVariable("DEPHEALTH_UPDATE_SNAPSHOTS") == "1")
            await File.WriteAllTextAsync(expectedFile, r.StdOut);
        Assert.Equal(await File.ReadAllTextAsync(expectedFile), r.StdOut);
        Assert.DoesNotContain("\u001b[", r.StdOut); // NO_COLOR
    }

    public static TheoryData<string, string[], int, string> ExitCodes() => new()
    {
        { "ok", ["scan", "{ws}/api", "--no-dev"], 0, "" },
        { "threshold HIGH exceeded", ["scan", "{ws}/snapshot", "-r", "--fail-on", "HIGH"], 1, "" },
        { "threshold CRITICAL exceeded", ["scan", "{ws}/snapshot", "-r", "--fail-on", "critical"], 1, "" },
        { "threshold not reached (HIGH rows, --fail-on CRITICAL)", ["scan", "{ws}/api", "--fail-on", "CRITICAL"], 0, "" },
        { "usage error", ["scan", "{ws}", "--fail-on", "MEDIUM"], 2, "--fail-on must be HIGH or CRITICAL" },
        { "parse error", ["deps"], 2, "Required argument missing" },
        { "invalid manifest", ["scan", "{ws}/broken"], 2, "warning: package.json:" },
        { "no manifests", ["scan", "{ws}/examples"], 0, "no manifests found" },
    };

    [Theory, MemberData(nameof(ExitCodes))]
    public async Task Every_path_has_its_exit_code(string path, string[] args, int exit, string stderr)
    {
        var r = await Run(args.Select(a => a.Replace("{ws}", server.Workspace)).ToArray());

        Assert.True(exit == r.ExitCode, $"{path}: exit {r.ExitCode}, stderr: {r.StdErr}\n{r.StdOut}");
        Assert.Contains(stderr, r.StdErr);
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("usage")]
    public async Task A_key_the_server_does_not_know_exits_2_with_the_401(string command)
    {
        string[] args = command == "scan" ? ["scan", server.PathOf("api")] : ["usage"];
        var r = await CliRunner.RunAsync(null, server.Variables("dh_unknown_0000000000000000000000000000"), args);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("API error 401 invalid_api_key", r.StdErr);
        Assert.Contains("check the API key", r.StdErr);
    }

    [Fact]
    public async Task An_unreachable_api_exits_2_for_check_scan_and_usage()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        foreach (var args in new[] { new[] { "check", "typescript" }, ["scan", server.PathOf("api")], ["usage"] })
        {
            var r = await CliRunner.RunAsync(null, server.Environment.Variables(url, server.ApiKey), args);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"cannot reach the DepHealth API at {url}/", r.StdErr);
        }
    }

    private static HashSet<string> StoredNames() =>
        File.ReadLines(CliServerFixture.RecordsFile).Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("name").GetString()!).ToHashSet();
}
