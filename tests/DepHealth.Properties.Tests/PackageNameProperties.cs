using DepHealth.Core.Packages;
using DepHealth.Properties.Tests.Generators;
using CsCheck;

namespace DepHealth.Properties.Tests;

/// <summary>Name validation and normalisation over generated names of both ecosystems.</summary>
public sealed class PackageNameProperties
{
    private static readonly Gen<(Ecosystem, string)> Names =
        Gen.OneOf(NameGen.Any(Ecosystem.Npm).Select(n => (Ecosystem.Npm, n)), NameGen.Any(Ecosystem.PyPI).Select(n => (Ecosystem.PyPI, n)));

    [Fact]
    public void Validation_never_throws_and_every_refusal_says_why()
    {
        Cases.Check(Names, t =>
        {
            var (eco, name) = t;
            var v = PackageNames.Validate(eco, name);
            if (!v.IsValid)
            {
                Assert.False(string.IsNullOrWhiteSpace(v.Error));
                Assert.Equal("", v.Normalized);
            }
            else
                Assert.Null(v.Error);
        });
    }

    [Fact]
    public void An_accepted_name_normalises_to_printable_ascii_within_the_rules()
    {
        Cases.Check(Names, t =>
        {
            var (eco, name) = t;
            var v = PackageNames.Validate(eco, name);
            if (!v.IsValid)
                return;
            // The accepted name itself is printable ASCII: a look-alike (KELVIN SIGN for 'k') or a trailing newline
            // must not pass as, or next to, a real package's name.
            Assert.True(name.All(c => c is > ' ' and < '\u007f'), $"accepted a non-ASCII or control character: {Printing.Text(name)}");
            Assert.True(v.Normalized.Length is > 0 and <= PackageNames.NpmMaxLength);
            Assert.True(v.Normalized.All(c => c is > ' ' and < '\u007f'));
            Assert.Equal(v.Normalized, v.Normalized.ToLowerInvariant());
            if (eco == Ecosystem.PyPI)
                Assert.DoesNotMatch("[-_.]{2}|_|\\.", v.Normalized);
        });
    }

    [Fact]
    public void Validation_is_idempotent()
    {
        Cases.Check(Names, t =>
        {
            var (eco, name) = t;
            var v = PackageNames.Validate(eco, name);
            if (!v.IsValid)
                return;
            var again = PackageNames.Validate(eco, v.Normalized);
            Assert.True(again.IsValid, $"normalised form {Printing.Text(v.Normalized)} is refused: {again.Error}");
            Assert.Equal(v.Normalized, again.Normalized);
        });
    }

    [Fact]
    public void Normalisation_is_idempotent_on_any_text()
    {
        Cases.Check(Gen.Select(Gen.OneOf(Gen.Const(Ecosystem.Npm), Gen.Const(Ecosystem.PyPI)), Gen.OneOf(NameGen.AnyEcosystem, Gen.String)), t =>
        {
            var (eco, text) = t;
            var once = PackageNames.Normalize(eco, text);
            Assert.Equal(once, PackageNames.Normalize(eco, once));
        });
    }

    [Fact]
    public void PEP_503_spellings_of_a_project_are_one_name()
    {
        var gen = NameGen.ValidPyPI.SelectMany(n => NameGen.Pep503Variant(n).Select(v => (n, v)));
        Cases.Check(gen, t =>
        {
            var (name, variant) = t;
            var a = PackageNames.Validate(Ecosystem.PyPI, name);
            var b = PackageNames.Validate(Ecosystem.PyPI, variant);
            Assert.True(a.IsValid && b.IsValid, $"{a.Error} {b.Error}");
            Assert.Equal(a.Normalized, b.Normalized);
        });
    }

    [Fact]
    public void Npm_names_compare_without_case()
    {
        Cases.Check(NameGen.ValidNpm, name =>
        {
            var a = PackageNames.Validate(Ecosystem.Npm, name);
            var b = PackageNames.Validate(Ecosystem.Npm, name.ToUpperInvariant());
            Assert.True(a.IsValid && b.IsValid, $"{a.Error} {b.Error}");
            Assert.Equal(a.Normalized, b.Normalized);
        });
    }
}
