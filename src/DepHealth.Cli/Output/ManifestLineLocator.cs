using DepHealth.Core.Manifests;

namespace DepHealth.Cli.Output;

/// <summary>Finds the line of a manifest where a package is declared, so that SARIF results point at it.</summary>
public static class ManifestLineLocator
{
    /// <summary>1-based line of the first declaration of <paramref name="name"/>, or 1 when it cannot be told.</summary>
    public static int Find(string? content, ManifestFormat format, string name)
    {
        if (string.IsNullOrEmpty(content)) return 1;
        var lines = content.Split('\n');
        var python = format.Ecosystem() == DepHealth.Core.Packages.Ecosystem.PyPI;
        for (var i = 0; i < lines.Length; i++)
            if (Declares(lines[i], format, name, python))
                return i + 1;
        return 1;
    }

    private static bool Declares(string line, ManifestFormat format, string name, bool python)
    {
        switch (format)
        {
            case ManifestFormat.PackageJson:
                return line.Contains($"\"{name}\"", StringComparison.OrdinalIgnoreCase);
            case ManifestFormat.PackageLockJson:
                return line.Contains($"\"node_modules/{name}\"", StringComparison.OrdinalIgnoreCase)
                    || line.Contains($"\"{name}\":", StringComparison.OrdinalIgnoreCase);
            case ManifestFormat.YarnLock:
            case ManifestFormat.PnpmLock:
                var t = line.TrimStart().TrimStart('"', '\'', '/');
                return t.StartsWith(name + "@", StringComparison.OrdinalIgnoreCase) || t.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase);
        }
        if (!python) return false;
        // PEP 503: compare normalised names at the start of a requirement (also inside TOML strings).
        var text = line.TrimStart().TrimStart('"', '\'');
        var end = 0;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '_' or '.')) end++;
        return end > 0 && Normalize(text[..end]) == Normalize(name);
    }

    private static string Normalize(string n) =>
        string.Join("-", n.ToLowerInvariant().Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries));
}
