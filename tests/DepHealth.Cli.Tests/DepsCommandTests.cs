using System.Text.Json;
using DepHealth.Testing;

namespace DepHealth.Cli.Tests;

/// <summary><c>dephealth deps</c> through the real CLI process, on corpus manifests and broken files.</summary>
public sealed class DepsCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("dephealth-deps-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static string Corpus(string relative) => RepoPaths.CorpusFile("manifests", relative);

    private string TempFile(string name, string content)
    {
        var path = Path.Combine(_temp, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Table_lists_every_dependency_then_a_summary()
    {
        var r = await CliRunner.RunAsync(null, "deps", Corpus("npm/expressjs__express__package.json"));

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdErr);
        Assert.Equal(["NAME", "KIND", "ECOSYSTEM", "SPEC"], Columns(r.Lines[0]));
        Assert.Equal(["accepts", "prod", "npm", "^2.0.0"], Columns(r.Lines[1]));
        Assert.Contains(r.Lines, l => Columns(l).SequenceEqual(["vhost", "dev", "npm", "~3.0.2"]));
        Assert.Equal(1 + 44 + 1, r.Lines.Length); // header, 44 rows (jq-counted: 28 prod + 16 dev), summary
        Assert.Equal("44 dependencies (prod 28, dev 16), 0 skipped, from package.json", r.Lines[^1]);
    }

    [Fact]
    public async Task Table_shows_skipped_entries_with_their_reason()
    {
        var r = await CliRunner.RunAsync(null, "deps", Corpus("npm/lockfiles/markedjs__marked__package-lock.json"));

        Assert.Equal(0, r.ExitCode);
        var at = Array.IndexOf(r.Lines, "Skipped (1):");
        Assert.True(at > 0, r.StdOut);
        Assert.Equal(["NAME", "REASON", "SPEC"], Columns(r.Lines[at + 1]));
        Assert.StartsWith("marked ", r.Lines[at + 2]);
        Assert.Contains("resolved from a URL that is not a registry tarball", r.Lines[at + 2]);
        Assert.Equal("511 dependencies (dev 511), 1 skipped, from package-lock.json", r.Lines[^1]);
    }

    [Fact]
    public async Task Json_prints_one_object_per_dependency_then_one_per_skipped_entry()
    {
        var r = await CliRunner.RunAsync(null, "deps", "--json", Corpus("npm/lockfiles/vuejs__core__pnpm-lock.yaml"));

        Assert.Equal(0, r.ExitCode);
        var objects = r.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var deps = objects.Where(o => o.TryGetProperty("name", out _)).ToArray();
        var skipped = objects.Where(o => o.TryGetProperty("skipped", out _)).ToArray();
        Assert.Equal(objects.Length, deps.Length + skipped.Length);
        // Counted with python3 + PyYAML (see Core.Tests CorpusManifestTests): 563 packages, 32 prod, 1 optional, 530 dev.
        Assert.Equal(563, deps.Length);
        Assert.Equal(32, deps.Count(d => d.GetProperty("kind").GetString() == "prod"));
        Assert.Equal(1, deps.Count(d => d.GetProperty("kind").GetString() == "optional"));
        Assert.Equal(530, deps.Count(d => d.GetProperty("kind").GetString() == "dev"));
        Assert.All(deps, d => Assert.Equal("npm", d.GetProperty("ecosystem").GetString()));
        Assert.Equal(14, skipped.Length);
        Assert.All(skipped, s => Assert.Equal("link to a local package", s.GetProperty("reason").GetString()));
        // Skipped lines come after every dependency line.
        Assert.All(r.Lines.Take(563), l => Assert.StartsWith("{\"name\":", l));
    }

    [Fact]
    public async Task Json_lines_are_exact_for_a_requirements_file()
    {
        var r = await CliRunner.RunAsync(null, "deps", "--json", Corpus("pypi/psf__requests__requirements-dev.txt"));

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(
        [
            """{"name":"pytest","kind":"prod","ecosystem":"pypi","spec":">=2.8.0,<10"}""",
            """{"name":"pytest-cov","kind":"prod","ecosystem":"pypi","spec":""}""",
            """{"name":"pytest-httpbin","kind":"prod","ecosystem":"pypi","spec":"==2.1.0"}""",
            """{"name":"httpbin","kind":"prod","ecosystem":"pypi","spec":"~=0.10.0"}""",
            """{"name":"trustme","kind":"prod","ecosystem":"pypi","spec":""}""",
            """{"name":"wheel","kind":"prod","ecosystem":"pypi","spec":""}""",
            """{"skipped":".[socks]","reason":"editable install (-e)","spec":".[socks]"}""",
        ], r.Lines);
    }

    [Fact]
    public async Task A_directory_uses_the_manifest_inside_it()
    {
        TempFile("requirements.txt", "Flask>=3\n");
        var r = await CliRunner.RunAsync(null, "deps", "--json", _temp);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["""{"name":"flask","kind":"prod","ecosystem":"pypi","spec":">=3"}"""], r.Lines);
    }

    [Fact]
    public async Task Warnings_go_to_stderr_and_keep_stdout_clean()
    {
        var file = TempFile("requirements.txt", "-r base.txt\nsix==1.16.0\n");
        var r = await CliRunner.RunAsync(null, "deps", "--json", file);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("warning: line 1: requirements file 'base.txt' is not followed", r.StdErr);
        Assert.Equal(
        [
            """{"name":"six","kind":"prod","ecosystem":"pypi","spec":"==1.16.0"}""",
            """{"skipped":"-r base.txt","reason":"included requirements file not followed"}""",
        ], r.Lines);
    }

    [Fact]
    public async Task A_missing_file_exits_2_with_a_message_on_stderr()
    {
        var missing = Path.Combine(_temp, "nope", "package.json");
        var r = await CliRunner.RunAsync(null, "deps", missing);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.StdOut);
        Assert.Equal($"dephealth: no such file: {missing}", r.StdErr.Trim());
    }

    [Theory]
    [InlineData("package.json", "{\"dependencies\": {\"a\": ", "Invalid package.json: not valid JSON")]
    [InlineData("pnpm-lock.yaml", "lockfileVersion: '9.0'\npackages: [\n", "Invalid pnpm-lock.yaml: not valid YAML")]
    [InlineData("pyproject.toml", "[project\n", "Invalid pyproject.toml: not valid TOML")]
    [InlineData("notes.md", "Hello, this is prose. It is not a manifest!\n", "'notes.md' is not a recognised manifest")]
    public async Task A_malformed_or_unrecognised_manifest_exits_2_with_a_message_on_stderr(string name, string content, string message)
    {
        var file = TempFile(name, content);
        var r = await CliRunner.RunAsync(null, "deps", "--json", file);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.StdOut);
        Assert.StartsWith($"dephealth: {file}: ", r.StdErr);
        Assert.Contains(message, r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr); // no stack trace
    }

    [Fact]
    public async Task Binary_garbage_exits_2()
    {
        var file = Path.Combine(_temp, "package-lock.json");
        File.WriteAllBytes(file, [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF, 0xFE]);
        var r = await CliRunner.RunAsync(null, "deps", file);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Invalid package-lock.json: binary content", r.StdErr);
    }

    private static string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
