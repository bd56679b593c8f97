using Tomlyn.Model;

namespace DepHealth.Core.Manifests.Python;

/// <summary>Adds Python requirements to a dependency set: PEP 508 strings, and Poetry/Pipfile tables of name → constraint.</summary>
internal static class PythonDependencies
{
    /// <summary>An array of PEP 508 strings (PEP 621 dependencies, optional-dependencies, dependency groups).</summary>
    public static void AddPep508Array(DependencySetBuilder set, object? value, DependencyKind kind, string where, string? selfName,
        Action<TomlTable>? onTable = null)
    {
        if (value is null)
            return;
        if (value is not TomlArray array)
        {
            set.Warn($"{where} is not an array; ignored");
            return;
        }
        foreach (var item in array)
        {
            if (item is TomlTable table && onTable is not null)
            {
                onTable(table);
                continue;
            }
            if (item is not string text)
            {
                set.Warn($"{where} holds a non-string entry; ignored");
                continue;
            }
            AddPep508(set, text, kind, selfName);
        }
    }

    public static void AddPep508(DependencySetBuilder set, string text, DependencyKind kind, string? selfName)
    {
        if (!Pep508Requirement.TryParse(text, out var requirement, out var error))
        {
            set.Skip(text, "invalid requirement: " + error);
            return;
        }
        if (requirement!.Url is not null)
        {
            set.Skip(requirement.Name, "direct reference (name @ URL), not a registry version", requirement.Url);
            return;
        }
        if (IsSelf(requirement.Name, selfName))
        {
            set.Skip(requirement.Name, "refers to this project itself (its own extras)", requirement.Spec);
            return;
        }
        set.Add(requirement.Name, kind, requirement.Spec);
    }

    /// <summary>
    /// A Poetry or Pipfile table: name = "constraint" | { version = …, optional = true, git/path/url/file = … } |
    /// [ { … }, … ] (multiple constraints). <paramref name="skipName"/> ("python") is a key that is not a package.
    /// </summary>
    public static void AddConstraintTable(DependencySetBuilder set, TomlTable? table, DependencyKind kind, string? skipName, string? selfName)
    {
        if (table is null)
            return;
        foreach (var (name, value) in table)
        {
            if (skipName is not null && string.Equals(name, skipName, StringComparison.OrdinalIgnoreCase))
                continue;
            if (IsSelf(name, selfName))
            {
                set.Skip(name, "refers to this project itself", "");
                continue;
            }
            switch (value)
            {
                case string constraint:
                    set.Add(name, kind, constraint);
                    break;
                case TomlTable options:
                    AddOptions(set, name, kind, [options]);
                    break;
                case TomlArray array when array.Count > 0 && array.All(o => o is TomlTable):
                    AddOptions(set, name, kind, array.Cast<TomlTable>().ToArray());
                    break;
                case TomlTableArray tables when tables.Count > 0:
                    AddOptions(set, name, kind, tables.ToArray());
                    break;
                default:
                    set.Skip(name, "unrecognised constraint (expected a string or a table)");
                    break;
            }
        }
    }

    private static void AddOptions(DependencySetBuilder set, string name, DependencyKind kind, TomlTable[] alternatives)
    {
        foreach (var options in alternatives)
        {
            foreach (var (source, reason) in NonRegistrySources)
            {
                if (options.String(source) is { } location)
                {
                    set.Skip(name, reason, location);
                    return;
                }
            }
        }
        var optional = alternatives.Any(o => o.TryGetValue("optional", out var v) && v is true);
        var specs = alternatives.Select(o => o.String("version") ?? "").Where(v => v.Length > 0).Distinct();
        set.Add(name, optional && kind == DependencyKind.Prod ? DependencyKind.Optional : kind, string.Join(" | ", specs));
    }

    private static readonly (string Key, string Reason)[] NonRegistrySources =
    [
        ("git", "VCS requirement (git)"),
        ("hg", "VCS requirement (hg)"),
        ("svn", "VCS requirement (svn)"),
        ("bzr", "VCS requirement (bzr)"),
        ("path", "local path"),
        ("file", "local file"),
        ("url", "URL requirement"),
    ];

    private static bool IsSelf(string name, string? selfName) =>
        selfName is not null && Packages.PackageNames.NormalizePyPI(name) == Packages.PackageNames.NormalizePyPI(selfName);
}
