using DepHealth.Core.Manifests;

namespace DepHealth.Core.Tests.Manifests;

/// <summary>Hostile and broken input ends in a <see cref="ManifestParseException"/> with a clear message, never another exception.</summary>
public class MalformedManifestTests
{
    [Theory]
    [InlineData(ManifestFormat.PackageJson, "{\"dependencies\": {\"a\": \"^1\"", "not valid JSON")]
    [InlineData(ManifestFormat.PackageJson, "{\"dependencies\": {\"a\": \"^1\",, }}", "not valid JSON (line 1")]
    [InlineData(ManifestFormat.PackageJson, "[1, 2, 3]", "the top level is not a JSON object")]
    [InlineData(ManifestFormat.PackageJson, "\"just a string\"", "the top level is not a JSON object")]
    [InlineData(ManifestFormat.PackageJson, "", "not valid JSON")]
    [InlineData(ManifestFormat.PackageLockJson, "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/a\": {\"version\": ", "not valid JSON")]
    [InlineData(ManifestFormat.PnpmLock, "lockfileVersion: '9.0'\npackages:\n  'a@1.0.0':\n    resolution: {integrity: x\n  b: [\n", "not valid YAML")]
    [InlineData(ManifestFormat.PnpmLock, "lockfileVersion: '9.0'\n\tpackages: x\n", "not valid YAML")]
    [InlineData(ManifestFormat.YarnLock, "__metadata:\n  version: 8\n\"a@npm:1\":\n  version: [1\n", "not valid YAML")]
    [InlineData(ManifestFormat.PyProjectToml, "[project]\ndependencies = [\"requests\"", "not valid TOML")]
    [InlineData(ManifestFormat.Pipfile, "[packages\nrequests = \"*\"", "not valid TOML")]
    public void Truncated_or_invalid_syntax_is_a_clear_error(ManifestFormat format, string content, string fragment)
    {
        var e = ManifestAssert.Fails(format, content);
        Assert.Contains(fragment, e.Message);
        Assert.StartsWith($"Invalid {format.DisplayName()}: ", e.Message);
    }

    public static TheoryData<ManifestFormat> AllFormats() => new(ManifestFormats.All);

    [Theory]
    [MemberData(nameof(AllFormats))]
    public void Binary_garbage_is_a_clear_error_in_every_format(ManifestFormat format)
    {
        var random = new Random(42);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        bytes[100] = 0; // binary files hold NUL bytes
        var content = System.Text.Encoding.Latin1.GetString(bytes);
        var e = ManifestAssert.Fails(format, content);
        Assert.Equal($"Invalid {format.DisplayName()}: binary content (NUL bytes)", e.Message);
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public void Random_text_without_nul_bytes_never_escapes_as_another_exception(ManifestFormat format)
    {
        var random = new Random((int)format + 7);
        const string alphabet = "{}[]()\"':,=@#-_./\\ \n\t\r abcXYZ019^~<>;!*|&%$`";
        for (var i = 0; i < 300; i++)
        {
            var chars = new char[random.Next(0, 200)];
            for (var j = 0; j < chars.Length; j++)
                chars[j] = alphabet[random.Next(alphabet.Length)];
            var content = new string(chars);
            try
            {
                var result = ManifestParser.Parse(format, content);
                Assert.NotNull(result.Dependencies);
            }
            catch (ManifestParseException e)
            {
                Assert.Equal(ManifestErrorCodes.Invalid, e.Code);
                Assert.DoesNotContain("could not be read", e.Message); // mapped by the parser, not the catch-all
            }
        }
    }

    [Theory]
    [InlineData(ManifestFormat.PackageJson, 100_000, '[', ']')]
    [InlineData(ManifestFormat.PnpmLock, 100_000, '[', ']')]
    [InlineData(ManifestFormat.YarnLock, 100_000, '{', '}')]
    [InlineData(ManifestFormat.PyProjectToml, 100_000, '[', ']')]
    public void Deep_nesting_is_refused_without_exhausting_the_stack(ManifestFormat format, int depth, char open, char close)
    {
        var prefix = format switch
        {
            ManifestFormat.PackageJson => "{\"dependencies\":",
            ManifestFormat.PnpmLock => "lockfileVersion: '9.0'\npackages: ",
            ManifestFormat.YarnLock => "__metadata:\n  version: 8\nx: ",
            _ => "[project]\ndependencies = ",
        };
        var content = prefix + new string(open, depth) + new string(close, depth) + (format == ManifestFormat.PackageJson ? "}" : "\n");
        var e = ManifestAssert.Fails(format, content);
        Assert.DoesNotContain("could not be read", e.Message);
    }

    [Fact]
    public void Yaml_aliases_are_not_expanded()
    {
        // A "billion laughs" document stays small because aliases read as empty scalars.
        var yaml = "lockfileVersion: '9.0'\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
                   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\npackages:\n  x@1.0.0: {}\n";
        var r = ManifestParser.Parse(ManifestFormat.PnpmLock, yaml);
        Assert.Equal(["x"], r.Names());
    }

    [Fact]
    public void TryParse_returns_the_error_instead_of_throwing()
    {
        Assert.False(ManifestParser.TryParse("package.json", "{", out var result, out var error));
        Assert.Null(result);
        Assert.Equal(ManifestErrorCodes.Invalid, error!.Code);
        Assert.True(ManifestParser.TryParse("package.json", "{\"dependencies\":{\"a\":\"1\"}}", out result, out error));
        Assert.Null(error);
        Assert.Equal(["a"], result!.Names());
    }
}

/// <summary>Every corpus manifest cut short or corrupted at many places still ends in a result or a ManifestParseException.</summary>
public class CorruptedCorpusManifestTests
{
    public static TheoryData<string> SmallCorpusManifests()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(DepHealth.Testing.RepoPaths.CorpusFile("manifests"), "*", SearchOption.AllDirectories).Order())
            if (new FileInfo(file).Length < 400_000) // the 1.7 MB lockfile adds time, not new shapes
                data.Add(Path.GetRelativePath(DepHealth.Testing.RepoPaths.CorpusFile("manifests"), file));
        return data;
    }

    [Theory]
    [MemberData(nameof(SmallCorpusManifests))]
    public void Truncated_and_corrupted_copies_never_escape_as_another_exception(string relative)
    {
        var path = DepHealth.Testing.RepoPaths.CorpusFile("manifests", relative);
        var content = File.ReadAllText(path);
        var format = ManifestFormats.Detect(Path.GetFileName(path), content)!.Value;
        var random = new Random(relative.Length * 7919);
        const string noise = "{}[]():,=@\"'#\\\n -";
        for (var i = 0; i < 40; i++)
        {
            var cut = random.Next(content.Length);
            var chars = content[..cut].ToCharArray();
            for (var j = 0; j < 3 && chars.Length > 0; j++)
                chars[random.Next(chars.Length)] = noise[random.Next(noise.Length)];
            try
            {
                ManifestParser.Parse(format, new string(chars));
            }
            catch (ManifestParseException e)
            {
                Assert.Equal(ManifestErrorCodes.Invalid, e.Code);
                Assert.StartsWith($"Invalid {format.DisplayName()}: ", e.Message);
                // Each parser maps its own failures; the catch-all in ManifestParser would mean an unexpected bug.
                Assert.DoesNotContain("could not be read", e.Message);
            }
        }
    }
}
