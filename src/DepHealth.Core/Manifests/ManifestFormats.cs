using DepHealth.Core.Packages;

namespace DepHealth.Core.Manifests;

/// <summary>Names of the formats and their detection from a file name and/or the content itself.</summary>
public static class ManifestFormats
{
    public static readonly IReadOnlyList<ManifestFormat> All = Enum.GetValues<ManifestFormat>();

    /// <summary>The canonical file name, also the wire name ("package.json", "yarn.lock", "requirements.txt", …).</summary>
    public static string DisplayName(this ManifestFormat format) => format switch
    {
        ManifestFormat.PackageJson => "package.json",
        ManifestFormat.PackageLockJson => "package-lock.json",
        ManifestFormat.YarnLock => "yarn.lock",
        ManifestFormat.PnpmLock => "pnpm-lock.yaml",
        ManifestFormat.RequirementsTxt => "requirements.txt",
        ManifestFormat.PyProjectToml => "pyproject.toml",
        ManifestFormat.Pipfile => "Pipfile",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static Ecosystem Ecosystem(this ManifestFormat format) => format switch
    {
        ManifestFormat.RequirementsTxt or ManifestFormat.PyProjectToml or ManifestFormat.Pipfile => Packages.Ecosystem.PyPI,
        _ => Packages.Ecosystem.Npm,
    };

    /// <summary>Parses a wire name such as "package-lock.json" (case-insensitive).</summary>
    public static bool TryParse(string? value, out ManifestFormat format)
    {
        foreach (var f in All)
        {
            if (string.Equals(f.DisplayName(), value, StringComparison.OrdinalIgnoreCase))
            {
                format = f;
                return true;
            }
        }
        format = default;
        return false;
    }

    /// <summary>
    /// The format of a manifest: from the file name when it names one (a path or a prefix such as
    /// <c>repo__package.json</c> is fine), otherwise from the content, so that a pasted manifest without a
    /// name is recognised. Null when neither tells.
    /// </summary>
    public static ManifestFormat? Detect(string? fileName, string? content) =>
        FromFileName(fileName) ?? FromContent(content);

    /// <summary>The format a file name stands for, or null.</summary>
    public static ManifestFormat? FromFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
            return null;
        var name = fileName.Trim();
        var slash = name.LastIndexOfAny(['/', '\\']);
        if (slash >= 0)
            name = name[(slash + 1)..];

        if (Ends(name, "package-lock.json") || Ends(name, "npm-shrinkwrap.json")) return ManifestFormat.PackageLockJson;
        if (Ends(name, "package.json")) return ManifestFormat.PackageJson;
        if (Ends(name, "yarn.lock")) return ManifestFormat.YarnLock;
        if (Ends(name, "pnpm-lock.yaml") || Ends(name, "pnpm-lock.yml")) return ManifestFormat.PnpmLock;
        if (Ends(name, "pyproject.toml")) return ManifestFormat.PyProjectToml;
        if (name.Equals("Pipfile", StringComparison.OrdinalIgnoreCase) || Ends(name, "__Pipfile")) return ManifestFormat.Pipfile;
        if (Ends(name, ".txt") || Ends(name, ".in")) return ManifestFormat.RequirementsTxt;
        return null;

        static bool Ends(string n, string suffix) => n.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The format the content looks like, or null (binary or unrecognised text).</summary>
    public static ManifestFormat? FromContent(string? content)
    {
        if (string.IsNullOrWhiteSpace(content) || content.Contains('\0'))
            return null;
        var text = content.AsSpan().TrimStart('\uFEFF').TrimStart();
        if (text.IsEmpty)
            return null; // a byte-order mark alone (U+FEFF is not white space)

        if (text[0] == '{')
            return text.Contains("\"lockfileVersion\"", StringComparison.Ordinal)
                ? ManifestFormat.PackageLockJson
                : ManifestFormat.PackageJson;
        if (text.StartsWith("lockfileVersion:", StringComparison.Ordinal))
            return ManifestFormat.PnpmLock;

        var significantLines = 0;
        var allLookLikeRequirements = true;
        foreach (var raw in text.EnumerateLines())
        {
            var line = raw.TrimEnd();
            if (line.StartsWith("# yarn lockfile v1", StringComparison.Ordinal) || line.StartsWith("__metadata:", StringComparison.Ordinal))
                return ManifestFormat.YarnLock;
            var trimmed = line.Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#')
                continue;
            significantLines++;
            if (line.StartsWith("[project", StringComparison.Ordinal) || line.StartsWith("[tool.", StringComparison.Ordinal) ||
                line.StartsWith("[build-system]", StringComparison.Ordinal) || line.StartsWith("[dependency-groups]", StringComparison.Ordinal))
                return ManifestFormat.PyProjectToml;
            if (line.SequenceEqual("[packages]") || line.SequenceEqual("[dev-packages]") || line.SequenceEqual("[[source]]") || line.SequenceEqual("[requires]"))
                return ManifestFormat.Pipfile;
            // A requirements file: every line is an option or starts like a PEP 508 name, a path or a URL.
            if (significantLines <= 200 && !LooksLikeRequirementLine(trimmed))
                allLookLikeRequirements = false;
        }
        return significantLines > 0 && allLookLikeRequirements ? ManifestFormat.RequirementsTxt : null;
    }

    /// <summary>An option, a URL or path, or a PEP 508 requirement (comments and per-requirement options removed).</summary>
    private static bool LooksLikeRequirementLine(ReadOnlySpan<char> line)
    {
        if (line[0] is '-' or '.' or '/' || line.Contains("://", StringComparison.Ordinal))
            return true;
        var text = line.ToString();
        var comment = text.IndexOf(" #", StringComparison.Ordinal);
        if (comment >= 0)
            text = text[..comment];
        var options = text.IndexOf(" --", StringComparison.Ordinal);
        if (options >= 0)
            text = text[..options];
        return Python.Pep508Requirement.TryParse(text.TrimEnd('\\', ' '), out _, out _);
    }
}
