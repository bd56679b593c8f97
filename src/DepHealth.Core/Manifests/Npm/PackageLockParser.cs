using System.Text.Json;

namespace DepHealth.Core.Manifests.Npm;

/// <summary>
/// package-lock.json / npm-shrinkwrap.json: every installed package, direct or transitive. Lockfile v2/v3 read
/// the <c>packages</c> map; v1 walks the <c>dependencies</c> tree.
/// </summary>
internal static class PackageLockParser
{
    private const string NodeModules = "node_modules/";

    public static ManifestParseResult Parse(string content)
    {
        var set = new DependencySetBuilder(ManifestFormat.PackageLockJson);
        using var document = JsonManifest.OpenObject(ManifestFormat.PackageLockJson, content);
        var root = document.RootElement;

        if (root.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Object)
            ReadPackages(set, packages);
        else if (root.TryGetProperty("dependencies", out var tree) && tree.ValueKind == JsonValueKind.Object)
            ReadV1Tree(set, tree);
        else
            throw ManifestParseException.Invalid(ManifestFormat.PackageLockJson, "neither a \"packages\" nor a \"dependencies\" object");
        return set.Build();
    }

    private static void ReadPackages(DependencySetBuilder set, JsonElement packages)
    {
        foreach (var entry in packages.EnumerateObject())
        {
            var path = entry.Name;
            var at = path.LastIndexOf(NodeModules, StringComparison.Ordinal);
            // "" is the root project; keys without node_modules/ are workspace folders, not installed packages.
            if (at < 0)
                continue;
            var info = entry.Value;
            if (info.ValueKind != JsonValueKind.Object)
            {
                set.Warn($"entry \"{path}\" is not an object; ignored");
                continue;
            }

            var name = info.GetString("name") ?? path[(at + NodeModules.Length)..];
            var version = info.GetString("version") ?? "";
            if (info.GetBool("link"))
            {
                set.Skip(name, "link to a local package", info.GetString("resolved"));
                continue;
            }
            var resolved = info.GetString("resolved");
            if (resolved is not null && NonRegistryResolution(resolved) is { } reason)
            {
                set.Skip(name, reason, resolved);
                continue;
            }
            set.Add(name, KindOf(info), version);
        }
    }

    /// <summary>Lockfile v1: nested <c>dependencies</c> objects, walked without recursion.</summary>
    private static void ReadV1Tree(DependencySetBuilder set, JsonElement tree)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(tree);
        while (pending.Count > 0)
        {
            foreach (var entry in pending.Pop().EnumerateObject())
            {
                var info = entry.Value;
                if (info.ValueKind != JsonValueKind.Object)
                    continue;
                var version = info.GetString("version") ?? "";
                if (version.StartsWith("npm:", StringComparison.Ordinal))
                {
                    var (real, range) = NpmSpecifier.SplitNameAndRange(version[4..]);
                    set.Add(real, KindOf(info), range);
                }
                else if (NpmSpecifier.NonRegistryReason(version) is { } reason)
                    set.Skip(entry.Name, reason, version);
                else if (info.GetString("resolved") is { } resolved && NonRegistryResolution(resolved) is { } why)
                    set.Skip(entry.Name, why, resolved);
                else
                    set.Add(entry.Name, KindOf(info), version);

                if (info.TryGetProperty("dependencies", out var nested) && nested.ValueKind == JsonValueKind.Object)
                    pending.Push(nested);
            }
        }
    }

    /// <summary>dev wins over everything (not installed in production); then peer; optional and devOptional are optional.</summary>
    private static DependencyKind KindOf(JsonElement info) =>
        info.GetBool("dev") ? DependencyKind.Dev
        : info.GetBool("peer") ? DependencyKind.Peer
        : info.GetBool("optional") || info.GetBool("devOptional") ? DependencyKind.Optional
        : DependencyKind.Prod;

    /// <summary>
    /// Registry tarballs are http(s) URLs of the form <c>…/name/-/name-1.0.0.tgz</c> (whatever the registry host);
    /// anything else (git, file, other tarball URLs) is not a registry package.
    /// </summary>
    internal static string? NonRegistryResolution(string resolved)
    {
        if (resolved.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || resolved.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            return resolved.Contains("/-/", StringComparison.Ordinal) ? null : "resolved from a URL that is not a registry tarball";
        if (resolved.StartsWith("git", StringComparison.OrdinalIgnoreCase))
            return "git dependency";
        if (resolved.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return "local path (file:)";
        return "not resolved from a registry";
    }
}
