using System.Text;
using System.Text.Json;
using CsCheck;
using DepHealth.Core.Manifests;
using DepHealth.Testing;

namespace DepHealth.Properties.Tests.Generators;

/// <summary>A generated manifest: the format it was written as (or null for garbage), a file name, and the text.</summary>
/// <remarks><see cref="Strict"/>: generated from entries whose names and specifiers are plain printable ASCII, so the file is well-formed.</remarks>
public sealed record GeneratedManifest(ManifestFormat? Format, string? FileName, string Content, string Origin, bool Strict = false)
{
    public override string ToString() => $"{Origin} {Format} {FileName}: {Printing.Text(Content)}";
}

/// <summary>
/// Manifests of every format: built from generated entries (names, specifiers, kinds) in each format's own syntax,
/// windows of the real corpus files with a few edits applied (deleted/duplicated/swapped lines, spliced
/// characters, truncation), and garbage that starts like a manifest.
/// </summary>
public static class ManifestGen
{
    /// <summary>A dependency entry: name, specifier or version, and which section it goes to (0 prod … 3 dev).</summary>
    public sealed record Entry(string Name, string Spec, int Section);

    private static readonly Gen<string> Versions = Gen.OneOf(
        Gen.Select(Gen.Int[0, 30], Gen.Int[0, 30], Gen.Int[0, 300], (a, b, c) => $"{a}.{b}.{c}"),
        Gen.OneOf("1.0.0-beta.1", "0.0.0-insiders.2024", "2.0.0+build.7", "1.0", "1", "01.2.3", "", "1.0.0(react@18.0.0)", "9999999999999999999999.0.0"));

    /// <summary>npm specifiers: ranges, tags, aliases, and every non-registry protocol.</summary>
    public static readonly Gen<string> NpmSpec = Gen.Frequency(
        (6, Gen.Select(Gen.OneOf("^", "~", ">=", "<", "=", "", "v"), Versions, (op, v) => op + v)),
        (2, Gen.OneOf("*", "", "latest", "next", "x", "1.x", ">=1 <2", "1.0.0 - 2.0.0", "^1 || ^2", " ^1.0.0 ")),
        (2, Gen.Select(NameGen.ValidNpm, Versions, (n, v) => $"npm:{n}@^{v}")),
        (2, Gen.OneOf("file:../local", "link:../x", "workspace:*", "workspace:^", "portal:../p", "catalog:", "patch:x@1#p.patch",
            "exec:./gen.js", "github:user/repo", "user/repo#main", "git+https://github.com/a/b.git", "git://x/y", "https://example.org/x.tgz",
            "./vendor/x.tgz", "../x", "~/x", "/abs", "C:\\x", "npm:", "npm:@", "npm:@scope", "gitlab:a/b", "http://x")),
        (1, Gen.String[0, 20]));

    /// <summary>PEP 508 tails after a name: extras, version clauses, markers, URLs, and broken variants.</summary>
    public static readonly Gen<string> Pep508Tail = Gen.Frequency(
        (6, Gen.Select(Gen.OneOf("==", ">=", "<=", "~=", "!=", ">", "<", "==="), Versions, (op, v) => op + v)),
        (2, Gen.Select(Versions, Versions, (a, b) => $">={a},<{b}")),
        (2, Gen.OneOf("", "[socks]", "[a,b]>=1", "[ ]", "[", "(>=1.0)", "(>=1", " ; python_version < '3.8'", ";", "; ",
            " @ https://x/y.whl", " @ ", "@", "==1.*", "===arbitrary", ">=1 extra", " --hash=sha256:ab", "[security,socks] ; os_name=='nt'")),
        (1, Gen.String[0, 16]));

    private static Gen<Entry> Entries(Gen<string> names, Gen<string> specs) =>
        Gen.Select(Gen.Frequency((5, names), (1, NameGen.AnyEcosystem)), specs, Gen.Int[0, 3], (n, s, k) => new Entry(n, s, k));

    private static readonly Gen<Entry[]> NpmEntries = Entries(NameGen.ValidNpm, NpmSpec).Array[0, 12];
    private static readonly Gen<Entry[]> PyEntries = Entries(NameGen.ValidPyPI, Pep508Tail).Array[0, 12];

    // ---- structurally generated, one per format ----

    public static readonly Gen<GeneratedManifest> PackageJson = NpmEntries.Select(entries =>
    {
        var sections = new[] { "dependencies", "peerDependencies", "optionalDependencies", "devDependencies" };
        return Json(ManifestFormat.PackageJson, "package.json", entries, w =>
        {
            w.WriteString("name", "generated");
            foreach (var (section, i) in sections.Select((s, i) => (s, i)))
            {
                w.WriteStartObject(section);
                foreach (var e in entries.Where(e => e.Section == i))
                    w.WriteString(e.Name, e.Spec);
                w.WriteEndObject();
            }
        });
    });

    public static readonly Gen<GeneratedManifest> PackageLock = Gen.Select(NpmEntries, Gen.Int[1, 3], Gen.Bool, (entries, version, hostileResolved) =>
        Json(ManifestFormat.PackageLockJson, "package-lock.json", entries, w =>
        {
            w.WriteString("name", "generated");
            w.WriteNumber("lockfileVersion", version);
            if (version == 1)
            {
                w.WriteStartObject("dependencies");
                WriteV1(w, entries, 0, hostileResolved);
                w.WriteEndObject();
                return;
            }
            w.WriteStartObject("packages");
            w.WriteStartObject("");
            w.WriteString("name", "generated");
            w.WriteEndObject();
            foreach (var e in entries)
            {
                w.WriteStartObject((e.Section == 3 ? "node_modules/x/node_modules/" : "node_modules/") + e.Name);
                w.WriteString("version", e.Spec);
                w.WriteString("resolved", hostileResolved ? e.Spec : $"https://registry.example/{e.Name}/-/{e.Name}-1.0.0.tgz");
                if (e.Section == 3) w.WriteBoolean("dev", true);
                if (e.Section == 2) w.WriteBoolean("optional", true);
                if (e.Section == 1) w.WriteBoolean("peer", true);
                if (e.Spec.StartsWith("link", StringComparison.Ordinal)) w.WriteBoolean("link", true);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }));

    private static void WriteV1(Utf8JsonWriter w, Entry[] entries, int depth, bool hostile)
    {
        foreach (var (e, i) in entries.Select((e, i) => (e, i)))
        {
            w.WriteStartObject(e.Name);
            w.WriteString("version", e.Spec);
            if (hostile) w.WriteString("resolved", e.Spec);
            if (e.Section == 3) w.WriteBoolean("dev", true);
            if (e.Section == 2) w.WriteBoolean("optional", true);
            if (depth < 3 && i % 3 == 0 && entries.Length > 1)
            {
                w.WriteStartObject("dependencies");
                WriteV1(w, entries[(i + 1)..], depth + 1, hostile);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
    }

    public static readonly Gen<GeneratedManifest> YarnClassic = NpmEntries.Select(entries =>
    {
        var sb = new StringBuilder("# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n");
        foreach (var e in entries)
        {
            sb.Append('"').Append(e.Name).Append('@').Append(e.Spec).Append("\", ").Append(e.Name).Append("@^1:\n");
            sb.Append("  version \"").Append(e.Spec).Append("\"\n");
            sb.Append("  resolved \"https://registry.example/").Append(e.Name).Append("/-/x-1.0.0.tgz\"\n");
            sb.Append("  dependencies:\n    ").Append(e.Name).Append(" \"^1\"\n\n");
        }
        return new GeneratedManifest(ManifestFormat.YarnLock, "yarn.lock", sb.ToString(), "generated", Plain(entries));
    });

    public static readonly Gen<GeneratedManifest> YarnBerry = NpmEntries.Select(entries =>
    {
        var sb = new StringBuilder("# This file is generated by running \"yarn install\" inside your project.\n\n__metadata:\n  version: 8\n  cacheKey: 10c0\n\n");
        foreach (var e in entries)
        {
            var protocol = e.Section switch { 0 => "npm:", 1 => "patch:", 2 => "workspace:", _ => "" };
            sb.Append(Yaml($"{e.Name}@{protocol}{e.Spec}")).Append(":\n");
            sb.Append("  version: ").Append(Yaml(e.Spec)).Append('\n');
            sb.Append("  resolution: ").Append(Yaml($"{e.Name}@{protocol}{e.Spec}")).Append('\n');
            sb.Append("  languageName: node\n  linkType: hard\n\n");
        }
        return new GeneratedManifest(ManifestFormat.YarnLock, "yarn.lock", sb.ToString(), "generated", Plain(entries));
    });

    public static readonly Gen<GeneratedManifest> Pnpm = Gen.Select(NpmEntries, Gen.OneOf("5.4", "'6.0'", "'9.0'", "'4.0'", "nine", "'10.1'"), (entries, version) =>
    {
        var sb = new StringBuilder($"lockfileVersion: {version}\n\n");
        var major = version.Trim('\'').Split('.')[0];
        if (major is "9" or "10")
        {
            sb.Append("importers:\n  .:\n");
            foreach (var (section, i) in new[] { "dependencies", "optionalDependencies", "devDependencies" }.Select((s, i) => (s, i)))
            {
                sb.Append("    ").Append(section).Append(":\n");
                foreach (var e in entries.Where(e => Math.Min(e.Section, 2) == i))
                    sb.Append("      ").Append(Yaml(e.Name)).Append(":\n        specifier: ").Append(Yaml(e.Spec)).Append("\n        version: ").Append(Yaml(e.Spec)).Append('\n');
            }
            sb.Append("\npackages:\n");
            foreach (var e in entries)
                sb.Append("  ").Append(Yaml($"{e.Name}@{e.Spec}")).Append(":\n    resolution: {integrity: sha512-x}\n");
            sb.Append("\nsnapshots:\n");
            foreach (var (e, i) in entries.Select((e, i) => (e, i)))
            {
                sb.Append("  ").Append(Yaml($"{e.Name}@{e.Spec}")).Append(":\n");
                if (i + 1 < entries.Length)
                    sb.Append("    dependencies:\n      ").Append(Yaml(entries[i + 1].Name)).Append(": ").Append(Yaml(entries[i + 1].Spec)).Append('\n');
                else
                    sb.Append("    {}\n");
            }
        }
        else
        {
            sb.Append("dependencies:\n");
            foreach (var e in entries.Where(e => e.Section == 0))
                sb.Append("  ").Append(Yaml(e.Name)).Append(major == "5" ? $": {Yaml(e.Spec)}\n" : $":\n    specifier: {Yaml(e.Spec)}\n    version: {Yaml(e.Spec)}\n");
            sb.Append("\npackages:\n");
            foreach (var e in entries)
            {
                sb.Append("  ").Append(Yaml(major == "5" ? $"/{e.Name}/{e.Spec}" : $"/{e.Name}@{e.Spec}")).Append(":\n");
                sb.Append("    resolution: {integrity: sha512-x").Append(e.Section == 2 ? ", tarball: file:x.tgz" : "").Append("}\n");
                sb.Append("    dev: ").Append(e.Section == 3 ? "true" : "false").Append('\n');
                if (e.Section == 2) sb.Append("    optional: true\n");
            }
        }
        return new GeneratedManifest(ManifestFormat.PnpmLock, "pnpm-lock.yaml", sb.ToString(), "generated", Plain(entries));
    });

    public static readonly Gen<GeneratedManifest> Requirements = Gen.Select(PyEntries, Gen.Int[0, 1 << 20], (entries, bits) =>
    {
        var sb = new StringBuilder();
        var newline = (bits & 1) != 0 ? "\r\n" : "\n";
        if ((bits & 2) != 0) sb.Append('\uFEFF');
        if ((bits & 4) != 0) sb.Append("# generated").Append(newline);
        if ((bits & 8) != 0) sb.Append("--index-url https://index.example/simple").Append(newline);
        foreach (var (e, i) in entries.Select((e, i) => (e, i)))
        {
            var line = ((bits >> (4 + i % 8)) & 3) switch
            {
                0 => e.Name + e.Spec,
                1 => $"{e.Name}{e.Spec}  # pinned",
                2 => e.Section switch { 0 => $"-r other-{i}.txt", 1 => $"-e git+https://x/y.git#egg={e.Name}", 2 => $"git+https://x/{e.Name}.git", _ => $"./libs/{e.Name}" },
                _ => $"{e.Name} \\{newline}    {e.Spec}",
            };
            sb.Append(line).Append(newline);
        }
        return new GeneratedManifest(ManifestFormat.RequirementsTxt, "requirements.txt", sb.ToString(), "generated", Plain(entries));
    });

    public static readonly Gen<GeneratedManifest> PyProject = Gen.Select(PyEntries, Gen.Int[0, 3], (entries, style) =>
    {
        var sb = new StringBuilder();
        if (style is 0 or 3)
        {
            sb.Append("[project]\nname = \"generated\"\ndependencies = [\n");
            foreach (var e in entries.Where(e => e.Section == 0)) sb.Append("  ").Append(Toml(e.Name + e.Spec)).Append(",\n");
            sb.Append("]\n\n[project.optional-dependencies]\nextra = [");
            sb.Append(string.Join(", ", entries.Where(e => e.Section == 2).Select(e => Toml(e.Name + e.Spec)))).Append("]\n\n");
            var dev = entries.Where(e => e.Section == 3).Select(e => Toml(e.Name + e.Spec)).Append("{include-group = \"docs\"}");
            sb.Append("[dependency-groups]\ndev = [").Append(string.Join(", ", dev)).Append("]\ndocs = [{include-group = \"missing\"}, {other = 1}]\n\n");
        }
        if (style is 1 or 3)
        {
            sb.Append("[tool.poetry]\nname = \"generated\"\n\n[tool.poetry.dependencies]\npython = \"^3.9\"\n");
            foreach (var e in entries.Where(e => e.Section < 2)) sb.Append(TomlKey(e.Name)).Append(" = ").Append(PoetryValue(e)).Append('\n');
            sb.Append("\n[tool.poetry.group.dev.dependencies]\n");
            foreach (var e in entries.Where(e => e.Section >= 2)) sb.Append(TomlKey(e.Name)).Append(" = ").Append(PoetryValue(e)).Append('\n');
        }
        if (style == 2)
        {
            sb.Append("[build-system]\nrequires = [\"hatchling\"]\n\n[tool.uv]\ndev-dependencies = [");
            sb.Append(string.Join(", ", entries.Select(e => Toml(e.Name + e.Spec)))).Append("]\n");
        }
        return new GeneratedManifest(ManifestFormat.PyProjectToml, "pyproject.toml", sb.ToString(), "generated", Plain(entries));
    });

    public static readonly Gen<GeneratedManifest> Pipfile = PyEntries.Select(entries =>
    {
        var sb = new StringBuilder("[[source]]\nurl = \"https://index.example/simple\"\nverify_ssl = true\nname = \"main\"\n\n[packages]\n");
        foreach (var e in entries.Where(e => e.Section < 3)) sb.Append(TomlKey(e.Name)).Append(" = ").Append(PoetryValue(e)).Append('\n');
        sb.Append("\n[dev-packages]\n");
        foreach (var e in entries.Where(e => e.Section == 3)) sb.Append(TomlKey(e.Name)).Append(" = ").Append(PoetryValue(e)).Append('\n');
        sb.Append("\n[requires]\npython_version = \"3.12\"\n");
        return new GeneratedManifest(ManifestFormat.Pipfile, "Pipfile", sb.ToString(), "generated", Plain(entries));
    });

    private static string PoetryValue(Entry e) => ((e.Spec.Length + e.Name.Length) % 6) switch
    {
        0 => Toml(e.Spec),
        1 => $"{{version = {Toml(e.Spec)}, optional = true}}",
        2 => $"{{git = \"https://x/{e.Name}.git\", rev = \"main\"}}",
        3 => $"[{{version = {Toml(e.Spec)}, python = \"<3.9\"}}, {{version = \"*\"}}]",
        4 => "{path = \"../lib\", develop = true}",
        _ => "42",
    };

    /// <summary>Every format, generated.</summary>
    public static readonly Gen<GeneratedManifest> Generated =
        Gen.OneOf(PackageJson, PackageLock, YarnClassic, YarnBerry, Pnpm, Requirements, PyProject, Pipfile);

    // ---- corpus files, windowed and edited ----

    private static readonly (ManifestFormat Format, string Name, string[] Lines)[] CorpusFiles = LoadCorpus();

    private static (ManifestFormat, string, string[])[] LoadCorpus()
    {
        var root = Path.Combine(RepoPaths.Corpus, "manifests");
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
            .Select(f => (Format: ManifestFormats.FromFileName(Path.GetFileName(f)), File: f))
            .Where(x => x.Format is not null)
            .OrderBy(x => x.File, StringComparer.Ordinal)
            .Select(x => (x.Format!.Value, Path.GetFileName(x.File), File.ReadAllLines(x.File)))
            .ToArray();
    }

    private static readonly string[] Splices =
    [
        "{", "}", "[", "]", "\"", "'", ":", ",", "\\", "\n", "\r", "\t", "#", "@", "/", "=", "~", "^", "<", ">", ";", "&", "%",
        "\0", "\uFEFF", "\ud800", "\u212a", "\u2028", "- ", "  ", "&anchor ", "*anchor", "!!binary ", "? ", "---\n", "...\n",
        "[[x]]\n", "[project]\n", "\"\"\"", "'''", "\\u0000", "\\uD800", "1e999", "-0", "null", "true", "<<: *a\n",
        "lockfileVersion: 9\n", "__metadata:\n", "npm:", "workspace:", "link:", "file:", "git+", "-e ", "-r ", "--hash=",
    ];

    private static readonly Gen<Func<string, string>[]> Edits = Gen.OneOf(
        Gen.Select(Gen.Int[0, int.MaxValue], at => (Func<string, string>)(t => LineEdit(t, at, (lines, i) => lines.RemoveAt(i)))),
        Gen.Select(Gen.Int[0, int.MaxValue], at => (Func<string, string>)(t => LineEdit(t, at, (lines, i) => lines.Insert(i, lines[i])))),
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], (a, b) => (Func<string, string>)(t => LineEdit(t, a, (lines, i) =>
            (lines[i], lines[b % lines.Count]) = (lines[b % lines.Count], lines[i])))),
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOf(Splices), (at, s) => (Func<string, string>)(t => t.Insert(at % (t.Length + 1), s))),
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 40], (at, n) => (Func<string, string>)(t =>
        {
            var i = at % (t.Length + 1);
            return t.Remove(i, Math.Min(n, t.Length - i));
        })),
        Gen.Select(Gen.Int[0, int.MaxValue], at => (Func<string, string>)(t => t[..(at % (t.Length + 1))])),
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Char, (at, c) => (Func<string, string>)(t =>
            t.Length == 0 ? t : t.Remove(at % t.Length, 1).Insert(at % t.Length, c.ToString()))),
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[2, 64], (at, depth) => (Func<string, string>)(t =>
            t.Insert(at % (t.Length + 1), new string('[', depth) + new string('{', depth))))).Array[0, 4];

    private static string LineEdit(string text, int at, Action<List<string>, int> edit)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count == 0)
            return text;
        edit(lines, at % lines.Count);
        return string.Join('\n', lines);
    }

    /// <summary>
    /// A corpus file cut to its first lines plus a window of at most 120 further lines (so that big lockfiles stay
    /// cheap and their headers keep them recognisable), then edited 0–4 times.
    /// </summary>
    public static readonly Gen<GeneratedManifest> CorpusMutation =
        Gen.Select(Gen.Int[0, CorpusFiles.Length - 1], Gen.Int[0, int.MaxValue], Gen.Int[5, 120], Edits, (file, start, length, edits) =>
        {
            var (format, name, lines) = CorpusFiles[file];
            var head = Math.Min(8, lines.Length);
            var from = head + (lines.Length > head ? start % (lines.Length - head) : 0);
            var window = lines.Take(head).Concat(lines.Skip(from).Take(length)).ToList();
            var text = string.Join('\n', window) + "\n";
            foreach (var edit in edits)
                text = edit(text);
            return new GeneratedManifest(format, name, text, "corpus");
        });

    // ---- garbage ----

    private static readonly string[] Prefixes =
        ["", "{", "{\"lockfileVersion\":", "lockfileVersion: ", "# yarn lockfile v1\n", "__metadata:\n", "[project]\n", "[packages]\n",
         "[tool.poetry.dependencies]\n", "requests==", "-r ", "\uFEFF", "---\n", "%YAML 1.2\n---\n"];

    /// <summary>Random text (ASCII, any UTF-16 unit, or Latin-1 decoded bytes) behind a prefix that makes it look like a format.</summary>
    public static readonly Gen<GeneratedManifest> Garbage =
        Gen.Select(Gen.OneOf(Prefixes), Gen.OneOf(
                Gen.String[0, 400],
                Gen.Char[" \n\t{}[]:,\"'#=@/-._abc0123"].Array[0, 400].Select(a => new string(a)),
                Gen.Byte.Array[0, 400].Select(b => Encoding.Latin1.GetString(b))),
            Gen.Frequency((3, Gen.Const<string?>((string?)null)), (1, Gen.OneOf<string?>("package.json", "package-lock.json", "yarn.lock",
                "pnpm-lock.yaml", "requirements.txt", "pyproject.toml", "Pipfile", "x.in", "README.md", "", "a/b\\c/package.json"))),
            (prefix, body, file) => new GeneratedManifest(file is null ? null : ManifestFormats.FromFileName(file), file, prefix + body, "garbage"));

    /// <summary>All three kinds, weighted towards inputs that reach deep into the parsers.</summary>
    public static readonly Gen<GeneratedManifest> Any = Gen.Frequency((4, Generated), (4, CorpusMutation), (2, Garbage));

    private static GeneratedManifest Json(ManifestFormat format, string file, Entry[] entries, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return new GeneratedManifest(format, file, Encoding.UTF8.GetString(stream.ToArray()), "generated", Plain(entries));
    }

    /// <summary>A YAML double-quoted scalar (escapes as YAML defines them).</summary>
    private static string Yaml(string s) =>
        "\"" + string.Concat(s.Select(c => c switch
        {
            '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t", '\r' => "\\r",
            < ' ' or '\u007f' => $"\\x{(int)c:X2}",
            _ => c.ToString(),
        })) + "\"";

    /// <summary>A TOML basic string.</summary>
    private static string Toml(string s) =>
        "\"" + string.Concat(s.Select(c => c switch
        {
            '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t", '\r' => "\\r",
            < ' ' or '\u007f' => $"\\u{(int)c:X4}",
            _ => c.ToString(),
        })) + "\"";

    /// <summary>True when every name and specifier is short printable ASCII without quotes, backslashes, '#', ',' or ':' (YAML keys stop at 1,024 characters), each name once.</summary>
    private static bool Plain(Entry[] entries) =>
        entries.Select(e => e.Name).Distinct().Count() == entries.Length && // TOML refuses a key defined twice
        entries.All(e => e.Name.Length + e.Spec.Length < 500 && (e.Name + e.Spec).All(c => c is >= ' ' and < '\u007f' and not ('"' or '\\' or '\'' or '#' or ',' or ':')));

    private static string TomlKey(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && name.Length > 0 ? name : Toml(name);
}
