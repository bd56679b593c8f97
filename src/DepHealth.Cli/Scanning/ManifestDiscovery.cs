using DepHealth.Core.Manifests;
using Microsoft.Extensions.FileSystemGlobbing;

namespace DepHealth.Cli.Scanning;

/// <summary>A manifest found on disk: its full path, its path relative to the scan root, its format.</summary>
public sealed record FoundManifest(string FullPath, string RelativePath, ManifestFormat Format);

/// <summary>What discovery found, and the files it passed over on purpose (a package.json beside its lockfile).</summary>
public sealed record DiscoveryResult(IReadOnlyList<FoundManifest> Manifests, IReadOnlyList<string> Superseded, bool Truncated);

/// <summary>
/// Finds manifests: package.json, package-lock.json, yarn.lock, pnpm-lock.yaml, requirements*.txt, pyproject.toml.
/// In one folder a lockfile is preferred over its package.json (it names exact versions and the transitive
/// dependencies); package-lock.json over pnpm-lock.yaml over yarn.lock when several exist.
/// </summary>
public static class ManifestDiscovery
{
    /// <summary>Folders never searched (dependencies, VCS data, virtual environments, build output, fixtures).</summary>
    public static readonly IReadOnlyList<string> DefaultExcludedFolders =
        ["node_modules", ".git", ".hg", ".svn", "vendor", ".venv", "venv", "env", ".tox", ".nox", "__pycache__",
         "dist", "build", "out", "target", "coverage", ".next", ".nuxt", ".cache", "bower_components", "fixtures", "__mocks__"];

    public const int MaxDepth = 10;
    public const int DefaultMaxManifests = 100;

    private static readonly string[] NpmLockfiles = ["package-lock.json", "pnpm-lock.yaml", "yarn.lock"];

    /// <summary>
    /// <paramref name="path"/> may be a file (used as given) or a folder (its manifests; with <paramref name="recursive"/>
    /// also those below it). <paramref name="excludeGlobs"/> are matched against paths relative to the folder.
    /// </summary>
    public static DiscoveryResult Discover(string path, bool recursive, IReadOnlyList<string> excludeGlobs, int maxManifests = DefaultMaxManifests)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var format = ManifestFormats.FromFileName(full)
                ?? throw new ArgumentException($"{path} is not a manifest DepHealth reads (package.json, package-lock.json, yarn.lock, pnpm-lock.yaml, requirements.txt, pyproject.toml)");
            return new DiscoveryResult([new FoundManifest(full, Path.GetFileName(full), format)], [], false);
        }
        if (!Directory.Exists(full))
            throw new ArgumentException($"{path} does not exist");

        var excluded = new Matcher(StringComparison.Ordinal);
        excluded.AddIncludePatterns(excludeGlobs.SelectMany(g => new[] { g, g.TrimEnd('/') + "/**" }));

        var manifests = new List<FoundManifest>();
        var superseded = new List<string>();
        var truncated = false;
        var pending = new Stack<(string Dir, int Depth)>([(full, 0)]);
        while (pending.Count > 0)
        {
            var (dir, depth) = pending.Pop();
            foreach (var found in InFolder(full, dir, superseded))
            {
                if (excludeGlobs.Count > 0 && excluded.Match(found.RelativePath).HasMatches) continue;
                if (manifests.Count == maxManifests) { truncated = true; break; }
                manifests.Add(found);
            }
            if (!recursive || depth >= MaxDepth || truncated) continue;
            IEnumerable<string> children;
            try { children = Directory.EnumerateDirectories(dir); }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException) { continue; }
            foreach (var child in children.OrderDescending(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(child);
                if (DefaultExcludedFolders.Contains(name, StringComparer.Ordinal)) continue;
                if (new DirectoryInfo(child).LinkTarget is not null) continue; // symlinks could loop or leave the tree
                var relative = Relative(full, child);
                if (excludeGlobs.Count > 0 && excluded.Match(relative).HasMatches) continue;
                pending.Push((child, depth + 1));
            }
        }
        return new DiscoveryResult(manifests, superseded, truncated);
    }

    private static IEnumerable<FoundManifest> InFolder(string root, string dir, List<string> superseded)
    {
        var files = Directory.EnumerateFiles(dir).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var lockfile = NpmLockfiles.FirstOrDefault(files.Contains);
        var result = new List<FoundManifest>();
        if (lockfile is not null)
        {
            result.Add(Make(lockfile));
            foreach (var other in NpmLockfiles.Where(l => l != lockfile && files.Contains(l)).Append("package.json").Where(files.Contains))
                superseded.Add(Relative(root, Path.Combine(dir, other)));
        }
        else if (files.Contains("package.json"))
            result.Add(Make("package.json"));
        if (files.Contains("pyproject.toml"))
            result.Add(Make("pyproject.toml"));
        foreach (var req in files.Where(IsRequirementsFile).Order(StringComparer.Ordinal))
            result.Add(Make(req));
        return result;

        FoundManifest Make(string name)
        {
            var fullPath = Path.Combine(dir, name);
            return new FoundManifest(fullPath, Relative(root, fullPath), ManifestFormats.FromFileName(name)!.Value);
        }
    }

    /// <summary>requirements.txt, requirements-dev.txt, dev-requirements.txt, requirements.in…</summary>
    public static bool IsRequirementsFile(string name) =>
        name.Contains("requirements", StringComparison.OrdinalIgnoreCase)
        && (name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".in", StringComparison.OrdinalIgnoreCase));

    private static readonly HashSet<string> DevTags =
        ["dev", "develop", "development", "test", "tests", "testing", "lint", "docs", "doc", "ci", "typing"];

    /// <summary>A requirements file that, by a word of its name (requirements-dev.txt, test_requirements.txt), lists development-only packages.</summary>
    public static bool IsDevRequirementsFile(string relativePath)
    {
        var name = Path.GetFileName(relativePath).ToLowerInvariant();
        if (!name.EndsWith(".txt") && !name.EndsWith(".in")) return false;
        return Path.GetFileNameWithoutExtension(name).Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).Any(DevTags.Contains);
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
