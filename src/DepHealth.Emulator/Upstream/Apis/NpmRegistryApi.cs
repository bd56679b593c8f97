using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream.Hosting;
using DepHealth.Emulator.Upstream.Universe;

namespace DepHealth.Emulator.Upstream.Apis;

/// <summary>
/// The npm registry: full packument (<c>GET /{name}</c>), abbreviated packument (Accept: application/vnd.npm.install-v1+json)
/// and the per-version document (<c>GET /{name}/{version|dist-tag}</c>), shaped like the recorded chalk and etag packuments.
/// </summary>
internal sealed class NpmRegistryApi(UpstreamUniverse universe) : IUpstreamApi
{
    public const string AbbreviatedMediaType = "application/vnd.npm.install-v1+json";

    private readonly ConcurrentDictionary<string, byte[]> _full = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _abbreviated = new(StringComparer.Ordinal);

    public UpstreamKind Kind => UpstreamKind.Npm;

    public string? SubjectOf(UpstreamRequest r) => NpmNames.Split(r.Segments).Name;

    public UpstreamResponse Handle(UpstreamRequest r)
    {
        if (r.Method is not ("GET" or "HEAD"))
            return NotFound("Method not allowed");
        var (name, rest) = NpmNames.Split(r.Segments);
        if (name is null)
            return NotFound();
        var p = universe.Get(Ecosystem.Npm, name);
        if (p is null || p.MissingFrom.Contains(UpstreamKind.Npm))
            return NotFound();
        var registry = r.Urls.Npm;
        switch (rest)
        {
            case []:
                var accept = r.Headers.Accept.ToString();
                if (accept.Contains(AbbreviatedMediaType, StringComparison.OrdinalIgnoreCase))
                    return new UpstreamResponse { Status = 200, ContentType = AbbreviatedMediaType, Body = _abbreviated.GetOrAdd(p.Name, _ => Abbreviated(p, registry)) };
                return new UpstreamResponse { Status = 200, Body = _full.GetOrAdd(p.Name, _ => Full(p, registry)) };
            case [var versionOrTag]:
                var version = versionOrTag == "latest" ? p.LatestVersion : versionOrTag;
                var v = p.FindVersion(version);
                if (v is null)
                    return UpstreamResponse.Json(404, w => w.WriteStringValue($"version not found: {versionOrTag}"));
                return UpstreamResponse.Json(w => WriteVersion(w, p, v, registry, abbreviated: false));
            default:
                return NotFound();
        }
    }

    private static UpstreamResponse NotFound(string message = "Not found") =>
        UpstreamResponse.Json(404, w => { w.WriteStartObject(); w.WriteString("error", message); w.WriteEndObject(); });

    private byte[] Full(PackageFacts p, string registry) => UpstreamResponse.WriteJson(w =>
    {
        var rng = new SeededRandom(universe.Seed, "readme:" + p.Name);
        w.WriteStartObject();
        w.WriteString("_id", p.Name);
        w.WriteString("_rev", $"{p.Versions.Count + 3}-{rng.Hex(32)}");
        w.WriteString("name", p.Name);
        w.WriteString("description", p.Description);
        WriteDistTags(w, p);
        w.WriteStartObject("versions");
        foreach (var v in p.Versions)
        {
            w.WritePropertyName(v.Version);
            WriteVersion(w, p, v, registry, abbreviated: false);
        }
        w.WriteEndObject();
        w.WriteString("readme", Readme(p, rng));
        WriteMaintainers(w, p);
        w.WriteStartObject("time");
        w.WriteString("modified", ApiJson.Millis(p.ModifiedAt));
        w.WriteString("created", ApiJson.Millis(p.CreatedAt));
        foreach (var v in p.Versions)
            w.WriteString(v.Version, ApiJson.Millis(v.PublishedAt));
        w.WriteEndObject();
        WriteRepository(w, p);
        w.WriteStartObject("users");
        for (var i = 0; i < Math.Min(200, p.WeeklyDownloads / 100_000); i++)
            w.WriteBoolean($"user{rng.Hex(6)}", true);
        w.WriteEndObject();
        if (p.Homepage is not null)
            w.WriteString("homepage", p.Homepage);
        w.WriteStrings("keywords", p.Keywords);
        WriteBugs(w, p);
        if (p.License is not null)
            w.WriteString("license", p.License);
        w.WriteString("readmeFilename", "readme.md");
        w.WriteEndObject();
    });

    private byte[] Abbreviated(PackageFacts p, string registry) => UpstreamResponse.WriteJson(w =>
    {
        w.WriteStartObject();
        w.WriteString("name", p.Name);
        w.WriteString("modified", ApiJson.Millis(p.ModifiedAt));
        WriteDistTags(w, p);
        w.WriteStartObject("versions");
        foreach (var v in p.Versions)
        {
            w.WritePropertyName(v.Version);
            WriteVersion(w, p, v, registry, abbreviated: true);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private void WriteVersion(Utf8JsonWriter w, PackageFacts p, VersionFacts v, string registry, bool abbreviated)
    {
        var latest = v.Version == p.LatestVersion;
        w.WriteStartObject();
        w.WriteString("name", p.Name);
        w.WriteString("version", v.Version);
        if (!abbreviated)
        {
            w.WriteString("description", p.Description);
            w.WriteStrings("keywords", p.Keywords);
            if (p.Homepage is not null)
                w.WriteString("homepage", p.Homepage);
            WriteBugs(w, p);
            if (p.License is not null)
                w.WriteString("license", p.License);
            w.WriteStartObject("author");
            w.WriteString("name", p.Maintainers[0].Name);
            w.WriteString("email", p.Maintainers[0].Email);
            w.WriteEndObject();
            WriteRepository(w, p);
            w.WriteString("main", "index.js");
            if (latest && p.Npm.HasTypes)
                w.WriteString("types", "index.d.ts");
            if (latest && p.Npm.ModuleType == "module")
                w.WriteString("type", "module");
            if (latest && p.Npm.HasExports)
            {
                w.WriteStartObject("exports");
                w.WriteStartObject(".");
                w.WriteString("import", "./index.js");
                w.WriteString("require", "./index.cjs");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteStartObject("scripts");
            w.WriteString("test", "node --test");
            if (p.Npm.HasInstallScript)
                w.WriteString("postinstall", "node install.js");
            w.WriteEndObject();
        }
        w.WriteStartObject("dependencies");
        foreach (var dep in p.Dependencies)
            w.WriteString(universe.Get(Ecosystem.Npm, dep)?.Name ?? dep, "^" + (universe.Get(Ecosystem.Npm, dep)?.LatestVersion ?? "1.0.0"));
        w.WriteEndObject();
        if (p.Npm.NodeEngine is not null)
        {
            w.WriteStartObject("engines");
            w.WriteString("node", p.Npm.NodeEngine);
            w.WriteEndObject();
        }
        if (p.IsDeprecated)
            w.WriteString("deprecated", p.DeprecationMessage);
        if (abbreviated && p.Npm.HasInstallScript)
            w.WriteBoolean("hasInstallScript", true);
        if (!abbreviated)
        {
            w.WriteString("gitHead", v.Shasum);
            w.WriteString("_id", $"{p.Name}@{v.Version}");
            w.WriteString("_nodeVersion", "20.11.1");
            w.WriteString("_npmVersion", "10.2.4");
        }
        w.WriteStartObject("dist");
        w.WriteString("integrity", v.Integrity);
        w.WriteString("shasum", v.Shasum);
        var file = p.IsScoped ? p.Name[(p.Name.IndexOf('/') + 1)..] : p.Name;
        w.WriteString("tarball", $"{registry}/{p.Name}/-/{file}-{v.Version}.tgz");
        w.WriteNumber("fileCount", v.FileCount);
        w.WriteNumber("unpackedSize", v.UnpackedSize);
        w.WriteEndObject();
        if (!abbreviated)
        {
            w.WriteStartObject("_npmUser");
            w.WriteString("name", p.Maintainers[0].Name);
            w.WriteString("email", p.Maintainers[0].Email);
            w.WriteEndObject();
            WriteMaintainers(w, p);
            w.WriteStartObject("directories");
            w.WriteEndObject();
        }
        w.WriteBoolean("_hasShrinkwrap", false);
        w.WriteEndObject();
    }

    private static void WriteDistTags(Utf8JsonWriter w, PackageFacts p)
    {
        w.WriteStartObject("dist-tags");
        w.WriteString("latest", p.LatestVersion);
        w.WriteEndObject();
    }

    private static void WriteMaintainers(Utf8JsonWriter w, PackageFacts p)
    {
        w.WriteStartArray("maintainers");
        foreach (var m in p.Maintainers)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            w.WriteString("email", m.Email);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteRepository(Utf8JsonWriter w, PackageFacts p)
    {
        if (p.Repository is not { } repo)
            return;
        w.WriteStartObject("repository");
        w.WriteString("type", "git");
        w.WriteString("url", repo.GitUrl);
        w.WriteEndObject();
    }

    private static void WriteBugs(Utf8JsonWriter w, PackageFacts p)
    {
        if (p.Repository is not { } repo)
            return;
        w.WriteStartObject("bugs");
        w.WriteString("url", repo.WebUrl + "/issues");
        w.WriteEndObject();
    }

    /// <summary>A readme whose size grows with popularity (popular packuments are the large ones).</summary>
    private static string Readme(PackageFacts p, SeededRandom rng)
    {
        var target = (int)Math.Min(60_000, 800 + Math.Log10(p.WeeklyDownloads + 1) * 4000);
        var sb = new StringBuilder($"# {p.Name}\n\n{p.Description}\n\n## Install\n\n```sh\nnpm install {p.Name}\n```\n\n## Usage\n\n");
        string[] words = ["options", "returns", "the", "value", "stream", "promise", "callback", "config", "default", "string", "array", "when", "called"];
        while (sb.Length < target)
            sb.Append(rng.Pick(words)).Append(rng.Chance(0.1) ? ".\n" : " ");
        return sb.ToString();
    }
}
