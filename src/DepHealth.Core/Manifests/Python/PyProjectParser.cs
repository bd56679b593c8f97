using Tomlyn.Model;

namespace DepHealth.Core.Manifests.Python;

/// <summary>
/// pyproject.toml: PEP 621 <c>[project] dependencies</c> (prod) and <c>[project.optional-dependencies]</c> (optional),
/// PEP 735 <c>[dependency-groups]</c> (dev; include-group entries only checked, since every group is read anyway),
/// Poetry <c>[tool.poetry.dependencies]</c> (prod, optional = true → optional; "python" skipped),
/// <c>[tool.poetry.group.*.dependencies]</c> and <c>[tool.poetry.dev-dependencies]</c> (dev; group "main" is prod),
/// and uv's legacy <c>[tool.uv] dev-dependencies</c> (dev). <c>[build-system] requires</c> is not a run-time dependency.
/// </summary>
internal static class PyProjectParser
{
    public static ManifestParseResult Parse(string content)
    {
        var set = new DependencySetBuilder(ManifestFormat.PyProjectToml);
        var root = TomlManifest.Open(ManifestFormat.PyProjectToml, content);

        var project = root.Table("project");
        var selfName = project?.String("name") ?? root.Path("tool", "poetry")?.String("name");
        if (project is not null)
        {
            PythonDependencies.AddPep508Array(set, project.GetValueOrDefault("dependencies"), DependencyKind.Prod, "[project] dependencies", selfName);
            if (project.Table("optional-dependencies") is { } extras)
                foreach (var (extra, list) in extras)
                    PythonDependencies.AddPep508Array(set, list, DependencyKind.Optional, $"[project.optional-dependencies] {extra}", selfName);
            if (project.TryGetValue("dynamic", out var dynamic) && dynamic is TomlArray fields && fields.Contains("dependencies"))
                set.Warn("[project] dependencies are dynamic (computed by the build backend); they cannot be read from pyproject.toml");
        }

        if (root.Table("dependency-groups") is { } groups)
        {
            foreach (var (group, list) in groups)
            {
                PythonDependencies.AddPep508Array(set, list, DependencyKind.Dev, $"[dependency-groups] {group}", selfName, include =>
                {
                    if (include.String("include-group") is not { } target)
                        set.Warn($"[dependency-groups] {group}: a table entry without include-group; ignored");
                    else if (!groups.ContainsKey(target))
                        set.Warn($"[dependency-groups] {group}: includes unknown group '{target}'");
                });
            }
        }

        if (root.Path("tool", "poetry") is { } poetry)
        {
            PythonDependencies.AddConstraintTable(set, poetry.Table("dependencies"), DependencyKind.Prod, "python", selfName);
            PythonDependencies.AddConstraintTable(set, poetry.Table("dev-dependencies"), DependencyKind.Dev, "python", selfName);
            if (poetry.Table("group") is { } poetryGroups)
                foreach (var (group, value) in poetryGroups)
                    if (value is TomlTable g)
                        PythonDependencies.AddConstraintTable(set, g.Table("dependencies"),
                            group == "main" ? DependencyKind.Prod : DependencyKind.Dev, "python", selfName);
        }

        if (root.Path("tool", "uv") is { } uv)
            PythonDependencies.AddPep508Array(set, uv.GetValueOrDefault("dev-dependencies"), DependencyKind.Dev, "[tool.uv] dev-dependencies", selfName);

        return set.Build();
    }

    private static object? GetValueOrDefault(this TomlTable table, string key) => table.TryGetValue(key, out var v) ? v : null;
}
