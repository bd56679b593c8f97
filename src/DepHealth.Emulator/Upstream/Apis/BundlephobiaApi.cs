using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream.Hosting;
using DepHealth.Emulator.Upstream.Universe;

namespace DepHealth.Emulator.Upstream.Apis;

/// <summary>bundlephobia <c>/api/size?package=name[@version]</c>, shaped like the recorded react@17.0.1 answer.</summary>
internal sealed class BundlephobiaApi(UpstreamUniverse universe) : IUpstreamApi
{
    public UpstreamKind Kind => UpstreamKind.Bundlephobia;

    public string? SubjectOf(UpstreamRequest r) => r.QueryValue("package") is { } spec ? Parse(spec).Name : null;

    public UpstreamResponse Handle(UpstreamRequest r)
    {
        if (r.Segments is not ["api", "size"])
            return Error(404, "NotFoundError", "Not found");
        var spec = r.QueryValue("package");
        if (string.IsNullOrWhiteSpace(spec))
            return Error(400, "MissingPackageNameError", "No package name was specified");
        var (name, version) = Parse(spec);
        var p = universe.Get(Ecosystem.Npm, name);
        if (p is null || p.MissingFrom.Contains(UpstreamKind.Bundlephobia))
            return Error(404, "PackageNotFoundError", $"The package you were looking for doesn't exist.");
        var v = version is null or "latest" ? p.Latest : p.FindVersion(version);
        if (v is null)
            return Error(404, "PackageVersionMismatchError", $"This version of {name} doesn't exist. Valid versions are: {string.Join(", ", p.Versions.TakeLast(5).Select(x => x.Version))}");

        var b = p.Bundle;
        // Older versions were a little smaller: scale by position in the history so each version has its own size.
        var scale = 0.6 + 0.4 * (p.Versions.ToList().IndexOf(v) + 1) / p.Versions.Count;
        var size = (long)(b.Size * scale);
        var gzip = (long)(b.Gzip * scale);
        var response = UpstreamResponse.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("assets");
            w.WriteStartObject();
            w.WriteNumber("gzip", gzip);
            w.WriteString("name", "main");
            w.WriteNumber("size", size);
            w.WriteString("type", "js");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteNumber("dependencyCount", b.DependencyCount + 1);
            w.WriteStartArray("dependencySizes");
            w.WriteStartObject();
            w.WriteNumber("approximateSize", (long)(size * 0.8));
            w.WriteString("name", p.Name);
            w.WriteEndObject();
            foreach (var dep in p.Dependencies)
            {
                w.WriteStartObject();
                w.WriteNumber("approximateSize", Math.Max(1, (long)(size * 0.2 / Math.Max(1, p.Dependencies.Count))));
                w.WriteString("name", dep);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("description", p.Description);
            w.WriteNumber("gzip", gzip);
            w.WriteBoolean("hasJSModule", b.HasJSModule);
            w.WriteBoolean("hasJSNext", false);
            w.WriteBoolean("hasSideEffects", b.HasSideEffects);
            w.WriteBoolean("isModuleType", p.Npm.ModuleType == "module");
            w.WriteString("name", p.Name);
            if (p.Repository is { } repo)
                w.WriteString("repository", $"https://{repo.Host}/{repo.FullName}.git");
            w.WriteBoolean("scoped", p.IsScoped);
            w.WriteNumber("size", size);
            w.WriteString("version", v.Version);
            w.WriteEndObject();
        });
        // Exact versions are cached for a day, "latest" for 30 s (as bundlephobia does).
        return response.WithHeader("Cache-Control", version is null or "latest" ? "max-age=30" : "max-age=86400");
    }

    /// <summary><c>@scope/name@1.2.3</c> → (<c>@scope/name</c>, <c>1.2.3</c>); the version is after the last <c>@</c> that is not first.</summary>
    internal static (string Name, string? Version) Parse(string spec)
    {
        var at = spec.LastIndexOf('@');
        return at > 0 ? (spec[..at], spec[(at + 1)..]) : (spec, null);
    }

    private static UpstreamResponse Error(int status, string code, string message) => UpstreamResponse.Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
