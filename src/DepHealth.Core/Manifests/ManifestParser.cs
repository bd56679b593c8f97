using DepHealth.Core.Manifests.Npm;
using DepHealth.Core.Manifests.Python;

namespace DepHealth.Core.Manifests;

/// <summary>
/// Entry point of manifest parsing: turns the text of a package.json, package-lock.json, yarn.lock, pnpm-lock.yaml,
/// requirements.txt, pyproject.toml or Pipfile into a <see cref="ManifestParseResult"/>. Fails only with
/// <see cref="ManifestParseException"/> (or returns a <see cref="ManifestError"/> from the Try form).
/// </summary>
public static class ManifestParser
{
    /// <summary>Detects the format from <paramref name="fileName"/> (may be null) and the content, then parses.</summary>
    public static ManifestParseResult Parse(string? fileName, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var format = ManifestFormats.Detect(fileName, content) ?? throw new ManifestParseException(new ManifestError(
            ManifestErrorCodes.UnsupportedFormat,
            fileName is null
                ? "The content is not a recognised manifest (package.json, package-lock.json, yarn.lock, pnpm-lock.yaml, requirements.txt, pyproject.toml, Pipfile)"
                : $"'{fileName}' is not a recognised manifest (package.json, package-lock.json, yarn.lock, pnpm-lock.yaml, requirements.txt, pyproject.toml, Pipfile)"));
        return Parse(format, content);
    }

    /// <summary>Parses <paramref name="content"/> as <paramref name="format"/>.</summary>
    public static ManifestParseResult Parse(ManifestFormat format, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!Enum.IsDefined(format))
            throw new ArgumentOutOfRangeException(nameof(format));
        if (content.Contains('\0'))
            throw ManifestParseException.Invalid(format, "binary content (NUL bytes)");
        if (HasUnpairedSurrogate(content))
            throw ManifestParseException.Invalid(format, "the text is not valid Unicode (an unpaired surrogate)");
        try
        {
            return format switch
            {
                ManifestFormat.PackageJson => PackageJsonParser.Parse(content),
                ManifestFormat.PackageLockJson => PackageLockParser.Parse(content),
                ManifestFormat.YarnLock => YarnLockParser.Parse(content),
                ManifestFormat.PnpmLock => PnpmLockParser.Parse(content),
                ManifestFormat.RequirementsTxt => RequirementsTxtParser.Parse(content),
                ManifestFormat.PyProjectToml => PyProjectParser.Parse(content),
                ManifestFormat.Pipfile => PipfileParser.Parse(content),
                _ => throw new InvalidOperationException("unreachable: format validated above"),
            };
        }
        catch (ManifestParseException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Each parser maps its library's syntax errors itself; this keeps any other surprise from hostile input a 4xx.
            throw ManifestParseException.Invalid(format, "the content could not be read (" + e.GetType().Name + ")", e);
        }
    }

    // The JSON, TOML and YAML readers cannot transcode a lone UTF-16 surrogate; refuse it before they see it.
    private static bool HasUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return true;
        }
        return false;
    }

    /// <summary>Like <see cref="Parse(string?, string)"/>, returning the error instead of throwing.</summary>
    public static bool TryParse(string? fileName, string content, out ManifestParseResult? result, out ManifestError? error)
    {
        try
        {
            result = Parse(fileName, content);
            error = null;
            return true;
        }
        catch (ManifestParseException e)
        {
            result = null;
            error = e.Error;
            return false;
        }
    }
}
