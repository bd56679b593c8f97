namespace DepHealth.Core.Manifests.Python;

/// <summary>Pipfile (TOML): <c>[packages]</c> are prod, <c>[dev-packages]</c> dev; git/path/file entries are skipped.</summary>
internal static class PipfileParser
{
    public static ManifestParseResult Parse(string content)
    {
        var set = new DependencySetBuilder(ManifestFormat.Pipfile);
        var root = TomlManifest.Open(ManifestFormat.Pipfile, content);
        PythonDependencies.AddConstraintTable(set, root.Table("packages"), DependencyKind.Prod, skipName: null, selfName: null);
        PythonDependencies.AddConstraintTable(set, root.Table("dev-packages"), DependencyKind.Dev, skipName: null, selfName: null);
        return set.Build();
    }
}
