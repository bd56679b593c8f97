using System.Text.Json;
using System.Text.RegularExpressions;
using DepHealth.Core.Packages;
using Tomlyn;
using Tomlyn.Model;
using YamlDotNet.RepresentationModel;

namespace DepHealth.Emulator.Tests;

/// <summary>
/// Independent reading of every package name in shared/corpus/manifests (package.json maps, package-lock, yarn.lock,
/// pnpm-lock, requirements.txt, pyproject.toml), used to prove and regenerate the emulator's corpus-packages.txt.
/// Inclusive on purpose: aliases contribute both names, workspace and file specifiers keep their key.
/// </summary>
internal static partial class CorpusManifestNames
{
    private static readonly string[] NpmMaps = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];

    [GeneratedRegex(@"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")]
    private static partial Regex Pep508Name();

    public static SortedSet<(Ecosystem Ecosystem, string Name)> Extract(string manifestsDir)
    {
        var names = new SortedSet<(Ecosystem, string)>(Comparer<(Ecosystem, string)>.Create((a, b) =>
            a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : string.CompareOrdinal(a.Item2, b.Item2)));
        foreach (var file in Directory.EnumerateFiles(manifestsDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(file);
            var text = File.ReadAllText(file);
            void Npm(string? n)
            {
                if (!string.IsNullOrWhiteSpace(n) && PackageNames.Validate(Ecosystem.Npm, n).IsValid)
                    names.Add((Ecosystem.Npm, n));
            }
            void Py(string? n)
            {
                if (!string.IsNullOrWhiteSpace(n) && PackageNames.Validate(Ecosystem.PyPI, n).IsValid)
                    names.Add((Ecosystem.PyPI, n));
            }

            if (fileName.EndsWith("package-lock.json", StringComparison.Ordinal))
                PackageLock(text, Npm);
            else if (fileName.EndsWith("package.json", StringComparison.Ordinal))
                PackageJson(JsonDocument.Parse(text).RootElement, Npm);
            else if (fileName.EndsWith("yarn.lock", StringComparison.Ordinal))
                YarnLock(text, Npm);
            else if (fileName.EndsWith("pnpm-lock.yaml", StringComparison.Ordinal))
                PnpmLock(text, Npm);
            else if (fileName.EndsWith(".txt", StringComparison.Ordinal))
                Requirements(text, Py);
            else if (fileName.EndsWith("pyproject.toml", StringComparison.Ordinal))
                PyProject(text, Py);
        }
        return names;
    }

    private static void PackageJson(JsonElement root, Action<string?> add)
    {
        foreach (var map in NpmMaps)
        {
            if (!root.TryGetProperty(map, out var deps) || deps.ValueKind != JsonValueKind.Object)
                continue;
            foreach (var dep in deps.EnumerateObject())
            {
                add(dep.Name);
                if (dep.Value.ValueKind == JsonValueKind.String)
                    add(AliasTarget(dep.Value.GetString()!));
            }
        }
    }

    private static void PackageLock(string text, Action<string?> add)
    {
        var root = JsonDocument.Parse(text).RootElement;
        if (root.TryGetProperty("packages", out var packages))
        {
            foreach (var entry in packages.EnumerateObject())
            {
                var at = entry.Name.LastIndexOf("node_modules/", StringComparison.Ordinal);
                if (at >= 0)
                    add(entry.Name[(at + "node_modules/".Length)..]);
                if (entry.Value.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
                    add(n.GetString());
                PackageJson(entry.Value, add);
            }
        }
        if (root.TryGetProperty("dependencies", out var deps))
            LockV1Dependencies(deps, add);
    }

    private static void LockV1Dependencies(JsonElement deps, Action<string?> add)
    {
        foreach (var dep in deps.EnumerateObject())
        {
            add(dep.Name);
            if (dep.Value.TryGetProperty("requires", out var requires))
                foreach (var r in requires.EnumerateObject())
                    add(r.Name);
            if (dep.Value.TryGetProperty("dependencies", out var nested))
                LockV1Dependencies(nested, add);
        }
    }

    private static void YarnLock(string text, Action<string?> add)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] is ' ' or '#' || !line.TrimEnd().EndsWith(':') || line.StartsWith("__metadata", StringComparison.Ordinal))
                continue;
            foreach (var raw in line.TrimEnd().TrimEnd(':').Split(", "))
            {
                var descriptor = raw.Trim().Trim('"');
                var at = descriptor.IndexOf('@', 1);
                if (at <= 0)
                    continue;
                add(descriptor[..at]);
                var range = descriptor[(at + 1)..];
                if (range.StartsWith("npm:", StringComparison.Ordinal))
                    add(AliasTarget(range));
            }
        }
    }

    private static void PnpmLock(string text, Action<string?> add)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (var section in new[] { "packages", "snapshots" })
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(section), out var node) || node is not YamlMappingNode map)
                continue;
            foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
            {
                var k = key.Value!.TrimStart('/');
                var paren = k.IndexOf('(');
                if (paren > 0)
                    k = k[..paren];
                var at = k.LastIndexOf('@');
                add(at > 0 ? k[..at] : k);
            }
        }
        if (root.Children.TryGetValue(new YamlScalarNode("importers"), out var importers) && importers is YamlMappingNode imp)
        {
            foreach (var importer in imp.Children.Values.OfType<YamlMappingNode>())
            {
                foreach (var (mapName, deps) in importer.Children)
                {
                    if (deps is YamlMappingNode depMap && NpmMaps.Contains(((YamlScalarNode)mapName).Value))
                        foreach (var dep in depMap.Children.Keys.OfType<YamlScalarNode>())
                            add(dep.Value);
                }
            }
        }
    }

    private static void Requirements(string text, Action<string?> add)
    {
        foreach (var rawLine in text.Replace("\\\n", " ").Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            if (hash >= 0)
                line = line[..hash];
            line = line.Trim();
            if (line.Length == 0 || line[0] is '#' or '-' || line.Contains("://", StringComparison.Ordinal) && !line.Contains(" @ ", StringComparison.Ordinal))
                continue;
            add(Pep508(line));
        }
    }

    private static void PyProject(string text, Action<string?> add)
    {
        var model = TomlSerializer.Deserialize<TomlTable>(text)!;
        void List(object? value)
        {
            if (value is TomlArray array)
                foreach (var item in array.OfType<string>())
                    add(Pep508(item));
        }
        void Tables(object? value)
        {
            if (value is TomlTable table)
                foreach (var (_, v) in table)
                    List(v);
        }
        void PoetryDeps(object? value)
        {
            if (value is TomlTable table)
                foreach (var (k, _) in table)
                    if (k != "python")
                        add(k);
        }
        if (model.TryGetValue("project", out var p) && p is TomlTable project)
        {
            project.TryGetValue("dependencies", out var d);
            List(d);
            project.TryGetValue("optional-dependencies", out var o);
            Tables(o);
        }
        model.TryGetValue("dependency-groups", out var groups);
        Tables(groups);
        if (model.TryGetValue("build-system", out var b) && b is TomlTable build)
        {
            build.TryGetValue("requires", out var r);
            List(r);
        }
        if (model.TryGetValue("tool", out var t) && t is TomlTable tool)
        {
            if (tool.TryGetValue("poetry", out var po) && po is TomlTable poetry)
            {
                poetry.TryGetValue("dependencies", out var pd);
                PoetryDeps(pd);
                poetry.TryGetValue("dev-dependencies", out var pdd);
                PoetryDeps(pdd);
                if (poetry.TryGetValue("group", out var pg) && pg is TomlTable pgroups)
                    foreach (var (_, g) in pgroups)
                        if (g is TomlTable gt && gt.TryGetValue("dependencies", out var gd))
                            PoetryDeps(gd);
            }
            if (tool.TryGetValue("uv", out var uv) && uv is TomlTable uvt && uvt.TryGetValue("dev-dependencies", out var uvd))
                List(uvd);
            if (tool.TryGetValue("hatch", out var h) && h is TomlTable hatch && hatch.TryGetValue("envs", out var envs) && envs is TomlTable envTable)
                foreach (var (_, env) in envTable)
                    if (env is TomlTable e)
                    {
                        e.TryGetValue("dependencies", out var ed);
                        List(ed);
                        e.TryGetValue("extra-dependencies", out var ee);
                        List(ee);
                    }
        }
    }

    private static string? Pep508(string requirement)
    {
        var m = Pep508Name().Match(requirement);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary><c>npm:string-width@^4.2.0</c> → <c>string-width</c>; anything else → null.</summary>
    private static string? AliasTarget(string spec)
    {
        if (!spec.StartsWith("npm:", StringComparison.Ordinal))
            return null;
        var target = spec[4..];
        var at = target.IndexOf('@', 1);
        return at > 0 ? target[..at] : target;
    }
}
