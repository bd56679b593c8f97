using CsCheck;
using DepHealth.Core.Manifests;
using DepHealth.Core.Packages;
using DepHealth.Properties.Tests.Generators;

namespace DepHealth.Properties.Tests;

/// <summary>
/// The manifest parsers over generated manifests of every format, windows of the corpus with edits, and garbage:
/// they return a well-formed result or fail with a coded <see cref="ManifestParseException"/> that the parser
/// itself mapped (not the last-resort catch-all), and they are deterministic.
/// </summary>
public sealed class ManifestProperties
{
    [Fact]
    public void Parsing_returns_a_result_or_a_coded_error_the_parser_mapped()
    {
        Cases.Check(ManifestGen.Any, m =>
        {
            Outcome(() => ManifestParser.Parse(m.FileName, m.Content));
            if (m.Format is { } format)
                Outcome(() => ManifestParser.Parse(format, m.Content));
        });
    }

    [Fact]
    public void Content_detection_parses_what_it_detects()
    {
        Cases.Check(Gen.Frequency((3, ManifestGen.Generated), (3, ManifestGen.CorpusMutation), (1, ManifestGen.Garbage)), m =>
        {
            var detected = ManifestFormats.FromContent(m.Content);
            var result = Outcome(() => ManifestParser.Parse(null, m.Content));
            if (result is not null)
                Assert.Equal(detected, result.Format);
            else if (detected is null)
                Assert.Equal(ManifestErrorCodes.UnsupportedFormat, Error(() => ManifestParser.Parse(null, m.Content))!.Code);
        });
    }

    [Fact]
    public void Parsing_is_deterministic()
    {
        Cases.Check(ManifestGen.Any, m =>
        {
            Assert.Equal(Describe(() => ManifestParser.Parse(m.FileName, m.Content)), Describe(() => ManifestParser.Parse(m.FileName, m.Content)));
        });
    }

    [Fact]
    public void Every_structurally_generated_manifest_parses_as_its_format()
    {
        // The generators write each format's syntax correctly; with plain-text entries the names and specifiers
        // must end up as dependencies or skipped entries, never as a failure of the whole file. (A requirements
        // file whose every line is invalid fails as a whole by design; unsupported pnpm versions are refused.)
        var wellFormed = ManifestGen.Generated.Where(m => m.Strict && m.Format != ManifestFormat.RequirementsTxt &&
            !m.Content.Contains("lockfileVersion: '4.0'") && !m.Content.Contains("lockfileVersion: nine"));
        Cases.Check(wellFormed, m =>
        {
            var result = ManifestParser.Parse(m.Format!.Value, m.Content);
            Assert.Equal(m.Format, result.Format);
        });
    }

    /// <summary>Checks the invariants of a parse and returns the result, or null when it failed with a proper error.</summary>
    internal static ManifestParseResult? Outcome(Func<ManifestParseResult> parse)
    {
        ManifestParseResult result;
        try
        {
            result = parse();
        }
        catch (ManifestParseException e)
        {
            Assert.Contains(e.Code, new[] { ManifestErrorCodes.Invalid, ManifestErrorCodes.UnsupportedFormat });
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            // The catch-all of ManifestParser is a safety net; a failure that reaches it is a parser bug.
            Assert.False(e.Message.Contains("the content could not be read", StringComparison.Ordinal),
                $"unmapped failure: {e.InnerException}");
            return null;
        }
        AssertWellFormed(result);
        return result;
    }

    internal static void AssertWellFormed(ManifestParseResult result)
    {
        Assert.Equal(result.Format.Ecosystem(), result.Ecosystem);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in result.Dependencies)
        {
            var v = PackageNames.Validate(d.Ecosystem, d.Name);
            Assert.True(v.IsValid, $"dependency {Printing.Text(d.Name)} is not a valid name: {v.Error}");
            Assert.Equal(v.Normalized, d.Name);
            Assert.Equal(result.Ecosystem, d.Ecosystem);
            Assert.True(seen.Add(d.Name), $"duplicate dependency {d.Name}");
            Assert.NotNull(d.Spec);
        }
        foreach (var s in result.Skipped)
            Assert.False(string.IsNullOrWhiteSpace(s.Reason));
    }

    private static ManifestParseException? Error(Func<ManifestParseResult> parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (ManifestParseException e)
        {
            return e;
        }
    }

    internal static string Describe(Func<ManifestParseResult> parse)
    {
        try
        {
            var r = parse();
            return string.Join("\n", [
                $"{r.Format} {r.Ecosystem}",
                ..r.Dependencies.Select(d => $"D {d.Name}|{d.Kind}|{d.Spec}"),
                ..r.Skipped.Select(s => $"S {s.Name}|{s.Reason}|{s.Spec}"),
                ..r.Warnings.Select(w => "W " + w)]);
        }
        catch (ManifestParseException e)
        {
            return $"E {e.Code} {e.Message}";
        }
    }
}
