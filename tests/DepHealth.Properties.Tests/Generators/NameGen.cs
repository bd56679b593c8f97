using System.Text;
using CsCheck;
using DepHealth.Core.Packages;

namespace DepHealth.Properties.Tests.Generators;

/// <summary>
/// Package names as clients send them: valid npm (scoped or not, any case) and PyPI names (with PEP 503 spelling
/// variants), near-valid ones (one character or rule off), unicode look-alikes, control characters, huge names and
/// percent-encoded forms (single, double, broken escapes).
/// </summary>
public static class NameGen
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string Letters = Lower + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static Gen<string> Chars(string alphabet, int min, int max) =>
        Gen.Char[alphabet].Array[min, max].Select(a => new string(a));

    /// <summary>A valid unscoped npm name body: [a-z0-9][a-z0-9._~-]*, either case.</summary>
    public static readonly Gen<string> NpmBody =
        Gen.Select(Chars(Letters + Digits, 1, 1), Chars(Letters + Digits + "._~-", 0, 30), (a, b) => a + b);

    public static readonly Gen<string> NpmScope =
        Gen.Select(Chars(Letters + Digits + "_", 1, 1), Chars(Letters + Digits + "._~-", 0, 15), (a, b) => "@" + a + b);

    /// <summary>Valid npm names, a third of them scoped; now and then exactly at the 214-character limit.</summary>
    public static readonly Gen<string> ValidNpm = Gen.Frequency(
        (6, NpmBody),
        (3, Gen.Select(NpmScope, NpmBody, (s, n) => s + "/" + n)),
        (1, Gen.Select(NpmBody, Gen.Int[1, PackageNames.NpmMaxLength], (b, n) => Pad(b, n, "a-._~0"))));

    /// <summary>Valid PyPI names: alphanumeric ends, [._-] inside; up to the 128-character limit.</summary>
    public static readonly Gen<string> ValidPyPI = Gen.Frequency(
        (2, Chars(Letters + Digits, 1, 1)),
        (7, Gen.Select(Chars(Letters + Digits, 1, 1), Chars(Letters + Digits + "._-", 0, 30), Chars(Letters + Digits, 1, 1),
            (a, mid, z) => a + mid + z)),
        (1, Gen.Select(Gen.Int[2, PackageNames.PyPIMaxLength], n => "a" + Pad("", n - 2, "b-_.9") + "z")));

    /// <summary>The same PyPI project spelled another way (PEP 503): case flipped, each separator run replaced by another run.</summary>
    public static Gen<string> Pep503Variant(string name) =>
        Gen.Select(Gen.Int.Array[name.Length * 2 + 2], seeds =>
        {
            var sb = new StringBuilder();
            var i = 0;
            foreach (var c in name)
            {
                var r = seeds[i++];
                if (c is '-' or '_' or '.')
                {
                    var run = 1 + (r & 1);
                    for (var k = 0; k < run; k++)
                        sb.Append("-_."[(int)((uint)seeds[i] % 3 + (uint)k) % 3]);
                }
                else
                    sb.Append((r & 2) != 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            }
            return sb.Length <= PackageNames.PyPIMaxLength ? sb.ToString() : name;
        });

    private const string Odd = " /\\@%.:_~-!#?&+*'\"()[]{}<>=;,|`$^";
    private static readonly string[] Controls = ["\0", "\t", "\n", "\r", "\r\n", "\u0007", "\u001b", "\u007f", "\u0085", "\u2028", "\u200b", "\ufeff"];
    private static readonly string[] Unicode =
    [
        "\u212a", // KELVIN SIGN: lowercases to 'k'
        "\u0130", // LATIN CAPITAL LETTER I WITH DOT ABOVE
        "\u0131", // dotless i
        "\u017f", // LATIN SMALL LETTER LONG S: uppercases to 'S'
        "\uff41", // fullwidth a
        "\u0430", // Cyrillic a
        "\u00e9", "e\u0301", "\u00df", "\u202e", "\ud83d\ude00", "\ud800", "\udc00", "\uffff", "\u00a0", "\u3000",
    ];

    /// <summary>A valid name with one thing wrong: an odd character inserted, a bad first/last character, a bad scope, a length just past the limit.</summary>
    public static Gen<string> NearValid(Ecosystem ecosystem)
    {
        var valid = ecosystem == Ecosystem.Npm ? ValidNpm : ValidPyPI;
        var max = ecosystem == Ecosystem.Npm ? PackageNames.NpmMaxLength : PackageNames.PyPIMaxLength;
        return Gen.OneOf(
            Gen.Select(valid, Gen.Int[0, 1000], Gen.Char[Odd], (v, at, c) => v.Insert(at % (v.Length + 1), c.ToString())),
            Gen.Select(valid, Gen.OneOf(".", "_", "-", "~", "@", "/", "../", "./", " "), (v, p) => p + v),
            Gen.Select(valid, Gen.OneOf(".", "-", "_", "/", "/..", " ", "@", "@1.0.0"), (v, s) => v + s),
            Gen.Select(valid, Gen.Int[1, 3], (v, extra) => Pad(v, max + extra, "a")),
            Gen.Select(ValidNpm, n => n.Replace("/", "//")),
            Gen.Select(NpmBody, n => "@" + n),
            Gen.Select(NpmBody, n => "@/" + n),
            Gen.Select(NpmBody, n => "@" + n + "/"),
            Gen.Select(NpmBody, NpmBody, (a, b) => $"@{a}/{b}/{a}"),
            Gen.Select(NpmBody, NpmBody, (a, b) => $"@@{a}/{b}"),
            Gen.OneOf("..", ".", "/", "@", "-", "_", "~", " ", "node_modules/../x", "a/../../b", "a/..", "/etc/passwd"));
    }

    /// <summary>Valid names with a unicode look-alike, combining mark, lone surrogate or bidi control spliced in.</summary>
    public static Gen<string> WithUnicode(Gen<string> valid) =>
        Gen.Select(valid, Gen.Int[0, 1000], Gen.OneOf(Unicode), Gen.Bool,
            (v, at, u, replace) =>
            {
                var i = at % (v.Length + 1);
                return replace && i < v.Length ? v[..i] + u + v[(i + 1)..] : v.Insert(i, u);
            });

    /// <summary>Valid names with a control character before, inside or after them (a trailing newline above all).</summary>
    public static Gen<string> WithControl(Gen<string> valid) =>
        Gen.Select(valid, Gen.Int[0, 1000], Gen.OneOf(Controls), Gen.Int[0, 2],
            (v, at, c, where) => where switch { 0 => c + v, 1 => v + c, _ => v.Insert(at % (v.Length + 1), c) });

    /// <summary>Long names, far past every limit, and random text of any length.</summary>
    public static readonly Gen<string> Huge = Gen.OneOf(
        Gen.Select(Gen.Int[215, 4096], Gen.Char["abc-._"], (n, c) => "a" + new string(c, n)),
        Gen.Select(Gen.Int[1, 64], n => string.Concat(Enumerable.Repeat("@scope/", n)) + "x"),
        Gen.String[0, 300]);

    /// <summary>Percent-encoded names as they appear in a URL path: fully encoded, '/' and '@' only, double-encoded, or with broken escapes.</summary>
    public static Gen<string> PercentEncoded(Gen<string> names) =>
        Gen.Select(names, Gen.Int[0, 5], Gen.Int[0, 1000], (n, mode, at) => mode switch
        {
            0 => Uri.EscapeDataString(n),
            1 => n.Replace("@", "%40").Replace("/", "%2F"),
            2 => n.Replace("/", "%2f"),
            3 => Uri.EscapeDataString(Uri.EscapeDataString(n)),
            4 => n.Insert(at % (n.Length + 1), new[] { "%", "%2", "%zz", "%C3", "%FF", "%C0%AF", "%E2%80", "%00", "%0A", "%2e%2e%2f" }[at % 10]),
            _ => string.Concat(n.Select(c => "%" + ((int)c & 0xFF).ToString("X2"))),
        });

    /// <summary>Everything above for one ecosystem, weighted towards valid and near-valid names.</summary>
    public static Gen<string> Any(Ecosystem ecosystem)
    {
        var valid = ecosystem == Ecosystem.Npm ? ValidNpm : ValidPyPI;
        return Gen.Frequency(
            (4, valid),
            (1, ecosystem == Ecosystem.PyPI ? ValidPyPI.SelectMany(Pep503Variant) : ValidNpm.Select(n => n.ToUpperInvariant())),
            (3, NearValid(ecosystem)),
            (2, WithUnicode(valid)),
            (2, WithControl(valid)),
            (1, Huge),
            (2, PercentEncoded(valid)));
    }

    /// <summary>Names of either ecosystem, for inputs that do not fix one (scan bodies, manifests).</summary>
    public static readonly Gen<string> AnyEcosystem = Gen.OneOf(Any(Ecosystem.Npm), Any(Ecosystem.PyPI));

    private static string Pad(string s, int length, string filler)
    {
        if (s.Length >= length)
            return s[..length];
        var sb = new StringBuilder(s, length);
        for (var i = 0; sb.Length < length; i++)
            sb.Append(filler[i % filler.Length]);
        // A valid name must not end in a separator for PyPI: close it with a letter.
        if (sb.Length > 1 && sb[^1] is '-' or '.' or '_' or '~')
            sb[^1] = 'z';
        return sb.ToString();
    }
}
