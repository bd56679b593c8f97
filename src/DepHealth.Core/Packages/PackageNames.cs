using System.Text.RegularExpressions;

namespace DepHealth.Core.Packages;

/// <summary>Outcome of validating a package name: the normalised name, or why it was refused.</summary>
public readonly record struct NameValidation(bool IsValid, string? Error, string Normalized)
{
    public static NameValidation Invalid(string error) => new(false, error, "");
}

/// <summary>npm and PyPI name rules (reference §1.4) and normalisation, used on every read and write path.</summary>
public static partial class PackageNames
{
    public const int NpmMaxLength = 214;
    public const int PyPIMaxLength = 128;

    // ASCII classes spelled out, not IgnoreCase: under IgnoreCase [a-z] also matches U+212A KELVIN SIGN, which
    // lowercases to 'k' (a look-alike of another package). \z, not $: '$' also matches before a trailing newline.
    [GeneratedRegex(@"^(@[a-zA-Z0-9_][a-zA-Z0-9._~-]*/)?[a-zA-Z0-9][a-zA-Z0-9._~-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NpmPattern();

    [GeneratedRegex(@"^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9._-]*[a-zA-Z0-9])\z", RegexOptions.CultureInvariant)]
    private static partial Regex PyPIPattern();

    [GeneratedRegex("[-_.]+", RegexOptions.CultureInvariant)]
    private static partial Regex PyPISeparators();

    /// <summary>Validates <paramref name="name"/> for <paramref name="ecosystem"/> and returns its normalised form.</summary>
    public static NameValidation Validate(Ecosystem ecosystem, string? name)
    {
        if (string.IsNullOrEmpty(name))
            return NameValidation.Invalid("Empty package name");
        if (IsTraversal(name))
            return NameValidation.Invalid("Invalid package name (path traversal detected)");

        if (ecosystem == Ecosystem.Npm)
        {
            if (name.Length > NpmMaxLength)
                return NameValidation.Invalid($"Package name too long: {name.Length} > {NpmMaxLength}");
            if (!NpmPattern().IsMatch(name))
                return NameValidation.Invalid("Invalid npm package name format");
            return new NameValidation(true, null, NormalizeNpm(name));
        }

        if (name.Length > PyPIMaxLength)
            return NameValidation.Invalid($"Package name too long: {name.Length} > {PyPIMaxLength}");
        if (!PyPIPattern().IsMatch(name))
            return NameValidation.Invalid("Invalid PyPI package name format");
        return new NameValidation(true, null, NormalizePyPI(name));
    }

    /// <summary>npm names compare case-insensitively: <c>JSONStream</c> is stored as <c>jsonstream</c>.</summary>
    public static string NormalizeNpm(string name) => name.ToLowerInvariant();

    /// <summary>PEP 503: lowercase, runs of <c>-_.</c> become one <c>-</c>.</summary>
    public static string NormalizePyPI(string name) => PyPISeparators().Replace(name.ToLowerInvariant(), "-");

    /// <summary>Normalises without validating (for names already known to be valid).</summary>
    public static string Normalize(Ecosystem ecosystem, string name) =>
        ecosystem == Ecosystem.Npm ? NormalizeNpm(name) : NormalizePyPI(name);

    private static bool IsTraversal(string name) =>
        name.StartsWith('/') || name.Contains("/../", StringComparison.Ordinal) ||
        name.StartsWith("../", StringComparison.Ordinal) || name.EndsWith("/..", StringComparison.Ordinal) ||
        name == "..";
}
