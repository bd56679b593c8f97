using System.Text.RegularExpressions;

namespace DepHealth.Core.Manifests.Python;

/// <summary>
/// A PEP 508 dependency specifier: name, extras, version specifiers or a direct URL, and environment markers.
/// Hand-written because no PEP 508 parser is available as a NuGet package; the grammar is small and regular.
/// </summary>
internal sealed partial record Pep508Requirement(string Name, IReadOnlyList<string> Extras, string VersionSpec, string? Url, string? Marker)
{
    /// <summary>Everything after the name, as written (extras, version, marker): the spec reported to users.</summary>
    public string Spec { get; init; } = "";

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^\[\s*(?<extras>[A-Za-z0-9][A-Za-z0-9._-]*(?:\s*,\s*[A-Za-z0-9][A-Za-z0-9._-]*)*)?\s*,?\s*\]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ExtrasPattern();

    // One clause: an operator then a version ("1.0", "1.*", "1.0.post1+local"); "===" takes any non-space text.
    [GeneratedRegex(@"^\s*(?:===\s*[^\s,;)]+|(?:~=|==|!=|<=|>=|<|>)\s*[A-Za-z0-9_.*+!-]+)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ClausePattern();

    /// <summary>Parses one requirement; false with a message when the text is not PEP 508.</summary>
    public static bool TryParse(string text, out Pep508Requirement? requirement, out string error)
    {
        requirement = null;
        var nameMatch = NamePattern().Match(text);
        if (!nameMatch.Success)
        {
            error = "expected a package name";
            return false;
        }
        var name = nameMatch.Groups["name"].Value;
        var rest = text[nameMatch.Length..];
        var spec = rest.Trim();

        var extras = new List<string>();
        if (rest.StartsWith('['))
        {
            var extrasMatch = ExtrasPattern().Match(rest);
            if (!extrasMatch.Success)
            {
                error = "malformed extras";
                return false;
            }
            foreach (var e in extrasMatch.Groups["extras"].Value.Split(','))
                if (e.Trim().Length > 0)
                    extras.Add(e.Trim());
            rest = rest[extrasMatch.Length..];
        }

        string? url = null;
        var version = "";
        if (rest.StartsWith('@'))
        {
            // A URL ends at whitespace; markers then follow after ';'.
            var u = rest[1..].TrimStart();
            var end = u.IndexOfAny([' ', '\t']);
            url = end < 0 ? u : u[..end];
            if (url.Length == 0)
            {
                error = "'@' without a URL";
                return false;
            }
            rest = end < 0 ? "" : u[end..].TrimStart();
        }
        else
        {
            var parenthesised = rest.StartsWith('(');
            if (parenthesised)
                rest = rest[1..];
            var clauses = new List<string>();
            while (true)
            {
                var clause = ClausePattern().Match(rest);
                if (!clause.Success)
                    break;
                clauses.Add(clause.Value.Trim());
                rest = rest[clause.Length..];
                if (!rest.StartsWith(','))
                    break;
                rest = rest[1..];
            }
            if (parenthesised)
            {
                rest = rest.TrimStart();
                if (!rest.StartsWith(')'))
                {
                    error = "unclosed '(' in the version specifier";
                    return false;
                }
                rest = rest[1..];
            }
            version = string.Join(",", clauses);
            rest = rest.TrimStart();
        }

        string? marker = null;
        if (rest.StartsWith(';'))
        {
            marker = rest[1..].Trim();
            if (marker.Length == 0)
            {
                error = "';' without an environment marker";
                return false;
            }
            rest = "";
        }
        if (rest.Trim().Length > 0)
        {
            error = $"unexpected text '{Truncate(rest.Trim())}'";
            return false;
        }

        requirement = new Pep508Requirement(name, extras, version, url, marker) { Spec = spec };
        error = "";
        return true;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
