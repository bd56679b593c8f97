using System.Text;
using System.Text.RegularExpressions;

namespace DepHealth.Core.Manifests.Python;

/// <summary>
/// requirements.txt (pip's format): one PEP 508 requirement per logical line. Comments, line continuations and
/// options are handled as pip does; includes (-r/-c) are not followed, and editable, VCS, URL, local-path and
/// direct-reference lines are skipped with a reason. Every requirement is kind prod.
/// </summary>
internal static partial class RequirementsTxtParser
{
    // pip strips "#" comments that start a line or follow whitespace; "#egg=" inside a URL stays.
    [GeneratedRegex(@"(^|\s+)#.*$", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();

    // Per-requirement options ("pkg==1 --hash=sha256:…") start at whitespace followed by "--".
    [GeneratedRegex(@"\s+--[A-Za-z]", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingOptions();

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\s*(?:\[[^\]]*\])?\s*@", RegexOptions.CultureInvariant)]
    private static partial Regex DirectReference();

    [GeneratedRegex(@"[#&]egg=(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex EggName();

    private static readonly string[] VcsPrefixes = ["git+", "hg+", "svn+", "bzr+"];

    public static ManifestParseResult Parse(string content)
    {
        var set = new DependencySetBuilder(ManifestFormat.RequirementsTxt);
        var significant = 0;
        var invalid = 0;
        foreach (var (number, logical) in LogicalLines(content))
        {
            var line = Comment().Replace(logical, "").Trim();
            if (line.Length == 0)
                continue;
            significant++;
            if (line.StartsWith('-'))
                ReadOption(set, number, line);
            else if (!ReadRequirement(set, number, line))
                invalid++;
        }
        if (significant > 0 && invalid == significant)
            throw ManifestParseException.Invalid(ManifestFormat.RequirementsTxt, "no line is a valid requirement");
        return set.Build();
    }

    /// <summary>Joins "\" continuations (a line ending in a backslash continues on the next) and numbers the result.</summary>
    private static IEnumerable<(int Number, string Text)> LogicalLines(string content)
    {
        var buffer = new StringBuilder();
        var start = 0;
        var number = 0;
        foreach (var raw in content.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            number++;
            if (buffer.Length == 0)
                start = number;
            var line = number == 1 ? raw.TrimStart('\uFEFF') : raw;
            if (line.EndsWith('\\'))
            {
                buffer.Append(line, 0, line.Length - 1); // pip joins without adding a space
                continue;
            }
            buffer.Append(line);
            yield return (start, buffer.ToString());
            buffer.Clear();
        }
        if (buffer.Length > 0)
            yield return (start, buffer.ToString());
    }

    private static void ReadOption(DependencySetBuilder set, int number, string line)
    {
        var (option, argument) = SplitOption(line);
        switch (option)
        {
            case "-r" or "--requirement" or "-c" or "--constraint":
                var what = option is "-r" or "--requirement" ? "requirements" : "constraints";
                set.Skip($"{option} {argument}".Trim(), $"included {what} file not followed");
                set.Warn($"line {number}: {what} file '{argument}' is not followed; parse it separately");
                break;
            case "-e" or "--editable":
                set.Skip(EggName().Match(argument) is { Success: true } egg ? egg.Groups["name"].Value : argument,
                    "editable install (-e)", argument);
                break;
            default:
                // Index, hash, build and resolver options (--index-url, --hash, -f, --pre, …) do not name packages.
                break;
        }
    }

    private static (string Option, string Argument) SplitOption(string line)
    {
        if (line.StartsWith("--", StringComparison.Ordinal))
        {
            var end = line.IndexOfAny(['=', ' ', '\t']);
            return end < 0 ? (line, "") : (line[..end], line[(end + 1)..].Trim());
        }
        // Short options may be glued to their argument: "-rfile.txt", "-e." are valid pip.
        return line.Length <= 2 ? (line, "") : (line[..2], line[2..].Trim());
    }

    /// <returns>False when the line is not a valid requirement (it is then skipped with the parse error).</returns>
    private static bool ReadRequirement(DependencySetBuilder set, int number, string line)
    {
        var options = TrailingOptions().Match(line);
        var text = options.Success ? line[..options.Index].Trim() : line;

        if (DirectReference().IsMatch(text))
        {
            if (!Pep508Requirement.TryParse(text, out var direct, out var why))
            {
                set.Skip(text, $"line {number}: invalid requirement: {why}");
                return false;
            }
            set.Skip(direct!.Name, "direct reference (name @ URL), not a registry version", direct.Url);
            return true;
        }
        foreach (var prefix in VcsPrefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                set.Skip(NameFromUrl(text), "VCS requirement", text);
                return true;
            }
        }
        if (text.Contains("://", StringComparison.Ordinal) || text.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            set.Skip(NameFromUrl(text), "URL requirement", text);
            return true;
        }
        Pep508Requirement? requirement = null;
        var error = "";
        var parsed = !IsArchive(text) && Pep508Requirement.TryParse(text, out requirement, out error);
        if (!parsed && (IsArchive(text) || IsLocalPath(text)))
        {
            set.Skip(text, "local path", text);
            return true;
        }
        if (!parsed)
        {
            set.Skip(text, $"line {number}: invalid requirement: {error}");
            return false;
        }
        set.Add(requirement!.Name, DependencyKind.Prod, requirement.Spec);
        return true;
    }

    private static string NameFromUrl(string text) =>
        EggName().Match(text) is { Success: true } egg ? egg.Groups["name"].Value : text;

    private static bool IsLocalPath(string text) =>
        text.IndexOfAny([' ', '\t', '<', '>', '=', ';']) < 0 &&
        (text.StartsWith('.') || text.StartsWith('/') || text.StartsWith('~') || text.Contains('/') || text.Contains('\\'));

    private static bool IsArchive(string text) =>
        text.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ||
        text.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".tar.bz2", StringComparison.OrdinalIgnoreCase);
}
