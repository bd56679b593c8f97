using System.Text;
using DepHealth.Core.Manifests;

namespace DepHealth.Fuzz;

/// <summary>
/// Seeds: the real manifests of ../shared/corpus/manifests (each cut to its first 4 KiB at a line end, so that
/// mutations stay fast), plus small hand-written files for the variants the corpus lacks (package-lock v1, pnpm
/// v5/v6, yarn berry, Pipfile, scan bodies).
/// </summary>
public static class SeedCorpus
{
    private const int MaxSeedBytes = 4096;

    public static List<byte[]> For(FuzzTarget target, string repoRoot)
    {
        var seeds = new List<byte[]>();
        var dir = Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "corpus", "manifests"));
        if (Directory.Exists(dir))
        {
            foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var format = ManifestFormats.FromFileName(Path.GetFileName(file));
                if (format is null || (target.SeedFormat is { } wanted && wanted != format))
                    continue;
                var text = Cut(File.ReadAllText(file));
                seeds.Add(target.Name == "scan-body" ? ScanBody(text) : Encoding.UTF8.GetBytes(text));
            }
        }
        foreach (var (format, text) in Builtin)
            if (target.SeedFormat is null || target.SeedFormat == format)
                seeds.Add(target.Name == "scan-body" ? ScanBody(text) : Encoding.UTF8.GetBytes(text));
        if (target.Name == "scan-body")
            seeds.AddRange(ScanBodies.Select(Encoding.UTF8.GetBytes));
        return seeds;
    }

    private static string Cut(string text)
    {
        if (text.Length <= MaxSeedBytes)
            return text;
        var end = text.LastIndexOf('\n', MaxSeedBytes);
        return text[..(end > 0 ? end + 1 : MaxSeedBytes)];
    }

    private static byte[] ScanBody(string manifest) =>
        Encoding.UTF8.GetBytes("{\"content\":" + System.Text.Json.JsonSerializer.Serialize(manifest, FuzzJsonContext.Default.String) + "}");

    private static readonly string[] ScanBodies =
    [
        """{"dependencies":{"lodash":"^4.17.21","@babel/core":"7.0.0"},"devDependencies":["jest"]}""",
        """{"ecosystem":"pypi","dependencies":["requests","Django_REST.framework"]}""",
        """{"dependencies":["a","b"],"content":null}""",
    ];

    private static readonly (ManifestFormat, string)[] Builtin =
    [
        (ManifestFormat.PackageLockJson, """
            {"name":"x","lockfileVersion":1,"requires":true,"dependencies":{
              "a":{"version":"1.0.0","resolved":"https://r.example/a/-/a-1.0.0.tgz","dev":true,
                "dependencies":{"b":{"version":"npm:c@2.0.0"}}},
              "d":{"version":"github:u/d#abc","from":"github:u/d"},
              "e":{"version":"file:../e"}}}
            """),
        (ManifestFormat.PnpmLock, """
            lockfileVersion: 5.4
            specifiers:
              a: ^1.0.0
            dependencies:
              a: 1.0.0
            devDependencies:
              b: link:../b
            packages:
              /a/1.0.0_react@18.0.0:
                resolution: {integrity: sha512-x}
                dev: false
              /@s/c/2.0.0:
                resolution: {tarball: file:c.tgz}
                dev: true
                optional: true
            """),
        (ManifestFormat.PnpmLock, """
            lockfileVersion: '6.0'
            dependencies:
              a:
                specifier: ^1.0.0
                version: 1.0.0(react@18.0.0)
            packages:
              /a@1.0.0(react@18.0.0):
                resolution: {integrity: sha512-x}
                dev: false
              /g@1.0.0:
                resolution: {type: git, repo: x, commit: y}
            """),
        (ManifestFormat.YarnLock, """
            __metadata:
              version: 8
              cacheKey: 10c0

            "a@npm:^1.0.0, a@npm:^1.1.0":
              version: 1.2.0
              resolution: "a@npm:1.2.0"
            "b@workspace:.":
              version: 0.0.0-use.local
              resolution: "b@workspace:."
            "c@patch:c@npm%3A1.0.0#./p.patch::locator=b%40workspace%3A.":
              version: 1.0.0
              resolution: "c@patch:c@npm%3A1.0.0#./p.patch::version=1.0.0"
            """),
        (ManifestFormat.Pipfile, """
            [[source]]
            url = "https://index.example/simple"
            name = "main"

            [packages]
            requests = "*"
            django = {version = ">=4", extras = ["bcrypt"]}
            mylib = {path = "./lib", editable = true}

            [dev-packages]
            pytest = "==8.0"
            """),
    ];
}

/// <summary>Source-generated JSON for the harness (string literals of seeds).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class FuzzJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
