using System.Text.Json;
using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream.Hosting;
using DepHealth.Emulator.Upstream.Universe;

namespace DepHealth.Emulator.Upstream.Apis;

/// <summary>PyPI's JSON API: <c>/pypi/{name}/json</c> and <c>/pypi/{name}/{version}/json</c> (info, releases, urls, vulnerabilities).</summary>
internal sealed class PyPIApi(UpstreamUniverse universe) : IUpstreamApi
{
    public UpstreamKind Kind => UpstreamKind.PyPI;

    public string? SubjectOf(UpstreamRequest r) => r.Segments is ["pypi", var name, ..] ? name : null;

    public UpstreamResponse Handle(UpstreamRequest r)
    {
        string name;
        string? version = null;
        switch (r.Segments)
        {
            case ["pypi", var n, "json"]: name = n; break;
            case ["pypi", var n, var v, "json"]: name = n; version = v; break;
            default: return NotFound();
        }
        var p = universe.Get(Ecosystem.PyPI, name);
        if (p is null || p.MissingFrom.Contains(UpstreamKind.PyPI))
            return NotFound();
        var shown = version is null ? p.Latest : p.FindVersion(version);
        if (shown is null)
            return NotFound();
        var base_ = r.Urls.PyPI;
        return UpstreamResponse.Json(w =>
        {
            w.WriteStartObject();
            WriteInfo(w, p, shown, base_);
            w.WriteNumber("last_serial", 10_000_000 + p.Versions.Count * 7919 + (long)p.LastPublishedAt.ToUnixTimeSeconds() % 1_000_000);
            if (version is null)
            {
                w.WriteStartObject("releases");
                foreach (var v in p.Versions)
                {
                    w.WriteStartArray(v.Version);
                    WriteFiles(w, p, v, base_);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteStartArray("urls");
            WriteFiles(w, p, shown, base_);
            w.WriteEndArray();
            w.WriteStartArray("vulnerabilities");
            foreach (var id in p.AdvisoryIds)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteStrings("aliases", []);
                w.WriteString("details", "Emulated advisory.");
                w.WriteStrings("fixed_in", []);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteInfo(Utf8JsonWriter w, PackageFacts p, VersionFacts v, string base_)
    {
        w.WriteStartObject("info");
        w.WriteString("author", p.PyPI.Author.Name);
        w.WriteString("author_email", p.PyPI.Author.Email);
        w.WriteNull("bugtrack_url");
        w.WriteStrings("classifiers", p.PyPI.Classifiers);
        w.WriteString("description", $"# {p.Name}\n\n{p.Description}\n");
        w.WriteString("description_content_type", "text/markdown");
        w.WriteNull("docs_url");
        w.WriteNull("download_url");
        w.WriteStartObject("downloads");
        w.WriteNumber("last_day", -1);
        w.WriteNumber("last_month", -1);
        w.WriteNumber("last_week", -1);
        w.WriteEndObject();
        w.WriteString("home_page", p.Repository?.WebUrl ?? "");
        w.WriteString("keywords", string.Join(",", p.Keywords));
        w.WriteString("license", p.License ?? "");
        w.WriteString("maintainer", p.Maintainers.Count > 1 ? p.Maintainers[1].Name : "");
        w.WriteString("maintainer_email", p.Maintainers.Count > 1 ? p.Maintainers[1].Email : "");
        w.WriteString("name", p.Name);
        w.WriteString("package_url", $"{base_}/project/{p.Name}/");
        w.WriteNull("platform");
        w.WriteString("project_url", $"{base_}/project/{p.Name}/");
        if (p.Repository is { } repo)
        {
            w.WriteStartObject("project_urls");
            w.WriteString("Homepage", repo.WebUrl);
            w.WriteString("Issues", repo.WebUrl + "/issues");
            w.WriteString("Source", repo.WebUrl);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("project_urls");
        }
        w.WriteString("release_url", $"{base_}/project/{p.Name}/{v.Version}/");
        w.WriteStartArray("requires_dist");
        foreach (var dep in p.Dependencies)
            w.WriteStringValue(dep + ">=1.0");
        w.WriteEndArray();
        if (p.PyPI.RequiresPython is { } rp) w.WriteString("requires_python", rp); else w.WriteNull("requires_python");
        w.WriteString("summary", p.Description);
        w.WriteString("version", v.Version);
        w.WriteBoolean("yanked", false);
        w.WriteNull("yanked_reason");
        w.WriteEndObject();
    }

    private static void WriteFiles(Utf8JsonWriter w, PackageFacts p, VersionFacts v, string base_)
    {
        var stem = PackageNames.NormalizePyPI(p.Name).Replace('-', '_');
        foreach (var (kind, file, pyver) in new[] { ("bdist_wheel", $"{stem}-{v.Version}-py3-none-any.whl", "py3"), ("sdist", $"{stem}-{v.Version}.tar.gz", "source") })
        {
            var at = kind == "sdist" ? v.PublishedAt.AddSeconds(7) : v.PublishedAt;
            w.WriteStartObject();
            w.WriteNull("comment_text");
            w.WriteStartObject("digests");
            w.WriteString("blake2b_256", v.Shasum + v.Shasum[..24]);
            w.WriteString("md5", v.Shasum[..32]);
            w.WriteString("sha256", v.Shasum + v.Shasum[..24]);
            w.WriteEndObject();
            w.WriteNumber("downloads", -1);
            w.WriteString("filename", file);
            w.WriteBoolean("has_sig", false);
            w.WriteString("md5_digest", v.Shasum[..32]);
            w.WriteString("packagetype", kind);
            w.WriteString("python_version", pyver);
            if (p.PyPI.RequiresPython is { } rp) w.WriteString("requires_python", rp); else w.WriteNull("requires_python");
            w.WriteNumber("size", v.UnpackedSize / 3 + (kind == "sdist" ? 100 : 0));
            w.WriteString("upload_time", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("upload_time_iso_8601", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("url", $"{base_}/packages/{v.Shasum[..2]}/{v.Shasum[2..4]}/{v.Shasum[4..]}/{file}");
            w.WriteBoolean("yanked", false);
            w.WriteNull("yanked_reason");
            w.WriteEndObject();
        }
    }

    private static UpstreamResponse NotFound() =>
        UpstreamResponse.Json(404, w => { w.WriteStartObject(); w.WriteString("message", "Not Found"); w.WriteEndObject(); });
}
