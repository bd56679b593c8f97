using DepHealth.Core.Manifests.Yaml;

namespace DepHealth.Core.Manifests.Npm;

/// <summary>
/// pnpm-lock.yaml, every installed package. v9 keys <c>packages</c> as <c>name@1.0.0</c> and records the graph in
/// <c>snapshots</c> (<c>name@1.0.0(peer@2.0.0)</c>); kinds come from walking that graph from the importers' dependencies,
/// optionalDependencies and devDependencies (strongest reach wins). v6 keys are <c>/name@1.0.0(peer@2.0.0)</c> and v5
/// <c>/name/1.0.0_peer</c>, both carrying <c>dev</c>/<c>optional</c> flags.
/// </summary>
internal static class PnpmLockParser
{
    public static ManifestParseResult Parse(string content)
    {
        var set = new DependencySetBuilder(ManifestFormat.PnpmLock);
        var root = YamlTree.LoadMapping(ManifestFormat.PnpmLock, content);
        var versionText = root["lockfileVersion"]?.Scalar
            ?? throw ManifestParseException.Invalid(ManifestFormat.PnpmLock, "no lockfileVersion");
        var major = int.TryParse(versionText.Split('.')[0], out var m) ? m : 0;
        if (major < 5)
            throw ManifestParseException.Invalid(ManifestFormat.PnpmLock, $"unsupported lockfileVersion '{versionText}'");

        var packages = root["packages"]?.Map;
        if (packages is null)
        {
            // "packages:" with nothing after it is YAML null: an empty section, as in a project without dependencies.
            if (root["packages"] is not null && root["packages"]!.Scalar is not ("" or "~" or "null"))
                throw ManifestParseException.Invalid(ManifestFormat.PnpmLock, "\"packages\" is not a mapping");
            return set.Build(); // a project without dependencies has no packages section
        }

        var kinds = major >= 9 ? SnapshotKinds(root) : null;
        foreach (var (key, node) in packages.Entries)
        {
            var (name, version) = SplitKey(key, major);
            if (name.Length == 0)
            {
                set.Skip(key, "unrecognised package key");
                continue;
            }
            var info = node.Map;
            if (NonRegistryReason(version, info) is { } reason)
            {
                set.Skip(name, reason, version);
                continue;
            }
            var kind = kinds is not null
                ? kinds.GetValueOrDefault(key, info?["optional"]?.Scalar == "true" ? DependencyKind.Optional : DependencyKind.Prod)
                : FlagKind(info);
            set.Add(name, kind, StripPeers(version));
        }

        foreach (var link in WorkspaceLinks(root))
            set.Skip(link.Name, "link to a local package", link.Version);
        return set.Build();
    }

    /// <summary>v5/v6 flags: dev: true only dev; dev: false only prod; absent means both, so prod.</summary>
    private static DependencyKind FlagKind(YamlTreeMap? info) =>
        info?["dev"]?.Scalar == "true" ? DependencyKind.Dev
        : info?["optional"]?.Scalar == "true" ? DependencyKind.Optional
        : DependencyKind.Prod;

    /// <summary>"name@1.0.0", "@scope/name@1.0.0(peer@1)", "/name@1.0.0" (v6), "/@scope/name/1.0.0_peer" (v5).</summary>
    internal static (string Name, string Version) SplitKey(string key, int major)
    {
        var k = key.StartsWith('/') ? key[1..] : key;
        if (major < 6 && key.StartsWith('/'))
        {
            var slash = k.LastIndexOf('/');
            if (slash <= 0)
                return ("", "");
            var v = k[(slash + 1)..];
            var underscore = v.IndexOf('_');
            return (k[..slash], underscore > 0 ? v[..underscore] : v);
        }
        return NpmSpecifier.SplitNameAndRange(k);
    }

    private static string StripPeers(string version)
    {
        var paren = version.IndexOf('(');
        return paren > 0 ? version[..paren] : version;
    }

    private static string? NonRegistryReason(string version, YamlTreeMap? info)
    {
        var resolution = info?["resolution"]?.Map;
        switch (resolution?["type"]?.Scalar)
        {
            case "git": return "git dependency";
            case "directory": return "local path";
        }
        if (resolution?["tarball"]?.Scalar is { } tarball && PackageLockParser.NonRegistryResolution(tarball) is { } reason)
            return tarball.StartsWith("file:", StringComparison.Ordinal) ? "local tarball" : reason;
        if (version.Length > 0 && !char.IsAsciiDigit(version[0]))
            return NpmSpecifier.NonRegistryReason(version) ?? $"not a registry version ({version})";
        return null;
    }

    /// <summary>
    /// v9: walks <c>snapshots</c> from every importer. Prod reach is explored first, then optional, then dev, so each
    /// snapshot keeps the strongest way it can be reached; optionalDependencies of a prod package are optional.
    /// Returns the kind per package key (peer suffix removed), strongest over its snapshots.
    /// </summary>
    private static Dictionary<string, DependencyKind> SnapshotKinds(YamlTreeMap root)
    {
        var snapshots = root["snapshots"]?.Map;
        var result = new Dictionary<string, DependencyKind>(StringComparer.Ordinal);
        if (snapshots is null)
            return result;

        DependencyKind[] order = [DependencyKind.Prod, DependencyKind.Optional, DependencyKind.Dev];
        var queues = order.ToDictionary(k => k, _ => new Queue<string>());
        foreach (var importer in Importers(root))
        {
            Seed(importer["dependencies"]?.Map, DependencyKind.Prod, static e => (e.Value.Map?["version"]?.Scalar, e.Key));
            Seed(importer["optionalDependencies"]?.Map, DependencyKind.Optional, static e => (e.Value.Map?["version"]?.Scalar, e.Key));
            Seed(importer["devDependencies"]?.Map, DependencyKind.Dev, static e => (e.Value.Map?["version"]?.Scalar, e.Key));
        }

        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in order)
        {
            var queue = queues[kind];
            while (queue.Count > 0)
            {
                var key = queue.Dequeue();
                if (!visited.Add(key))
                    continue;
                var packageKey = StripPeers(key);
                if (!result.TryGetValue(packageKey, out var known) || kind.IsStrongerThan(known))
                    result[packageKey] = kind;
                var snapshot = snapshots[key]?.Map;
                Seed(snapshot?["dependencies"]?.Map, kind, static e => (e.Value.Scalar, e.Key));
                Seed(snapshot?["optionalDependencies"]?.Map, kind == DependencyKind.Dev ? kind : DependencyKind.Optional, static e => (e.Value.Scalar, e.Key));
            }
        }
        return result;

        void Seed(YamlTreeMap? deps, DependencyKind kind, Func<KeyValuePair<string, YamlTreeNode>, (string? Version, string Name)> read)
        {
            if (deps is null)
                return;
            foreach (var entry in deps.Entries)
            {
                var (version, name) = read(entry);
                if (string.IsNullOrEmpty(version) || version.StartsWith("link:", StringComparison.Ordinal))
                    continue;
                // A version is "1.0.0(peer@1)"; an alias's is the target's key "real@1.0.0".
                queues[kind].Enqueue(char.IsAsciiDigit(version[0]) ? $"{name}@{version}" : version);
            }
        }
    }

    /// <summary>The importers (workspace projects); a v5/v6 single project keeps its sections at the top level.</summary>
    private static IEnumerable<YamlTreeMap> Importers(YamlTreeMap root)
    {
        if (root["importers"]?.Map is { } importers)
        {
            foreach (var (_, node) in importers.Entries)
                if (node.Map is { } importer)
                    yield return importer;
        }
        else
            yield return root;
    }

    private static IEnumerable<(string Name, string Version)> WorkspaceLinks(YamlTreeMap root)
    {
        foreach (var importer in Importers(root))
        {
            foreach (var section in (string[])["dependencies", "optionalDependencies", "devDependencies"])
            {
                if (importer[section]?.Map is not { } deps)
                    continue;
                foreach (var (name, node) in deps.Entries)
                {
                    var version = node.Map?["version"]?.Scalar ?? node.Scalar;
                    if (version is not null && version.StartsWith("link:", StringComparison.Ordinal))
                        yield return (name, version);
                }
            }
        }
    }
}
