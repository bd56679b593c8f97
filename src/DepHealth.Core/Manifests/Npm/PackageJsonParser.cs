using System.Text.Json;

namespace DepHealth.Core.Manifests.Npm;

/// <summary>package.json: dependencies, devDependencies, optionalDependencies and peerDependencies.</summary>
internal static class PackageJsonParser
{
    private static readonly (string Section, DependencyKind Kind)[] Sections =
    [
        ("dependencies", DependencyKind.Prod),
        ("peerDependencies", DependencyKind.Peer),
        ("optionalDependencies", DependencyKind.Optional),
        ("devDependencies", DependencyKind.Dev),
    ];

    public static ManifestParseResult Parse(string content)
    {
        var set = new DependencySetBuilder(ManifestFormat.PackageJson);
        using var document = JsonManifest.OpenObject(ManifestFormat.PackageJson, content);
        var root = document.RootElement;

        foreach (var (section, kind) in Sections)
        {
            if (!root.TryGetProperty(section, out var deps))
                continue;
            if (deps.ValueKind != JsonValueKind.Object)
            {
                set.Warn($"\"{section}\" is not an object; ignored");
                continue;
            }
            foreach (var dep in deps.EnumerateObject())
            {
                if (dep.Value.ValueKind != JsonValueKind.String)
                {
                    set.Skip(dep.Name, $"specifier in \"{section}\" is not a string");
                    continue;
                }
                AddSpecifier(set, dep.Name, dep.Value.GetString()!, kind);
            }
        }
        return set.Build();
    }

    internal static void AddSpecifier(DependencySetBuilder set, string name, string value, DependencyKind kind)
    {
        var spec = NpmSpecifier.Classify(value);
        if (!spec.IsRegistry)
            set.Skip(name, spec.SkipReason!, spec.Range);
        else
            set.Add(spec.RealName ?? name, kind, spec.Range);
    }
}
