using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream.Hosting;
using DepHealth.Emulator.Upstream.Universe;

namespace DepHealth.Emulator.Upstream.Apis;

/// <summary>
/// deps.dev v3 and v3alpha: GetPackage, GetVersion, GetDependents (v3alpha) and GetProject, in the proto3 JSON shape
/// (lowerCamelCase, enums as strings, false/empty optional fields omitted where the real service omits them).
/// </summary>
internal sealed class DepsDevApi(UpstreamUniverse universe) : IUpstreamApi
{
    public UpstreamKind Kind => UpstreamKind.DepsDev;

    public string? SubjectOf(UpstreamRequest r) => r.Segments switch
    {
        [_, "systems", _, "packages", var name, ..] => name,
        [_, "projects", var id] => id,
        _ => null,
    };

    public UpstreamResponse Handle(UpstreamRequest r)
    {
        if (r.Method != "GET")
            return Error(405, 12, "method not allowed");
        if (r.Segments.Count < 2 || r.Segments[0] is not ("v3" or "v3alpha"))
            return Error(404, 5, "Not Found");
        var alpha = r.Segments[0] == "v3alpha";
        switch (r.Segments)
        {
            case [_, "systems", var system, "packages", var name]:
                return WithPackage(system, name, p => GetPackage(p));
            case [_, "systems", var system, "packages", var name, "versions", var versionAndVerb]:
                var colon = versionAndVerb.LastIndexOf(':');
                var verb = colon >= 0 ? versionAndVerb[(colon + 1)..] : null;
                var version = colon >= 0 ? versionAndVerb[..colon] : versionAndVerb;
                if (verb is not (null or "dependents"))
                    return Error(404, 5, "Not Found");
                if (verb == "dependents" && !alpha)
                    return Error(404, 5, "Not Found");
                return WithPackage(system, name, p =>
                {
                    var v = p.FindVersion(version);
                    if (v is null)
                        return Error(404, 5, "version not found");
                    return verb == "dependents" ? GetDependents(p) : GetVersion(p, v, r.Urls, alpha);
                });
            case [_, "projects", var id]:
                return GetProject(id);
            default:
                return Error(404, 5, "Not Found");
        }
    }

    private UpstreamResponse WithPackage(string system, string name, Func<PackageFacts, UpstreamResponse> answer)
    {
        Ecosystem eco;
        if (system.Equals("npm", StringComparison.OrdinalIgnoreCase))
            eco = Ecosystem.Npm;
        else if (system.Equals("pypi", StringComparison.OrdinalIgnoreCase))
            eco = Ecosystem.PyPI;
        else if (system.ToUpperInvariant() is "GO" or "RUBYGEMS" or "CARGO" or "MAVEN" or "NUGET")
            return Error(404, 5, "package not found");
        else
            return Error(400, 3, $"invalid system \"{system}\"");
        var facts = universe.Get(eco, name);
        if (facts is null || facts.MissingFrom.Contains(UpstreamKind.DepsDev))
            return Error(404, 5, "package not found");
        return answer(facts);
    }

    /// <summary>deps.dev keys PyPI packages by their PEP 503 name.</summary>
    private static string Name(PackageFacts p) => p.Ecosystem == Ecosystem.PyPI ? PackageNames.NormalizePyPI(p.Name) : p.Name;

    private static string System(PackageFacts p) => p.Ecosystem == Ecosystem.Npm ? "NPM" : "PYPI";

    private static UpstreamResponse GetPackage(PackageFacts p) => UpstreamResponse.Json(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("packageKey");
        w.WriteString("system", System(p));
        w.WriteString("name", Name(p));
        w.WriteEndObject();
        w.WriteStartArray("versions");
        foreach (var v in p.Versions)
        {
            w.WriteStartObject();
            WriteVersionKey(w, p, v.Version);
            w.WriteString("publishedAt", ApiJson.Seconds(v.PublishedAt));
            if (v.Version == p.LatestVersion)
                w.WriteBoolean("isDefault", true);
            if (p.IsDeprecated)
            {
                w.WriteBoolean("isDeprecated", true);
                w.WriteString("deprecatedReason", p.DeprecationMessage);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static UpstreamResponse GetVersion(PackageFacts p, VersionFacts v, UpstreamBaseUrls urls, bool alpha) => UpstreamResponse.Json(w =>
    {
        var npm = p.Ecosystem == Ecosystem.Npm;
        var registry = npm ? urls.Npm : urls.PyPI;
        w.WriteStartObject();
        WriteVersionKey(w, p, v.Version);
        w.WriteString("publishedAt", ApiJson.Seconds(v.PublishedAt));
        w.WriteBoolean("isDefault", v.Version == p.LatestVersion);
        if (p.IsDeprecated)
        {
            w.WriteBoolean("isDeprecated", true);
            w.WriteString("deprecatedReason", p.DeprecationMessage);
        }
        w.WriteStrings("licenses", p.License is null ? ["non-standard"] : [p.License]);
        if (alpha)
        {
            w.WriteStartArray("licenseDetails");
            w.WriteStartObject();
            w.WriteString("license", p.License ?? "non-standard");
            w.WriteString("spdx", p.License ?? "");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteStartArray("advisoryKeys");
        foreach (var id in p.AdvisoryIds)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("links");
        if (p.Homepage is not null)
            Link(w, "HOMEPAGE", p.Homepage);
        if (p.Repository is { } repo)
            Link(w, "ISSUE_TRACKER", repo.WebUrl + "/issues");
        Link(w, "ORIGIN", npm ? $"{registry}/{p.Name}/{v.Version}" : $"{registry}/pypi/{p.Name}/{v.Version}/json");
        if (p.Repository is { } source)
            Link(w, "SOURCE_REPO", npm ? source.GitUrl : source.WebUrl);
        w.WriteEndArray();
        w.WriteStartArray("slsaProvenances");
        w.WriteEndArray();
        w.WriteStartArray("attestations");
        w.WriteEndArray();
        w.WriteStrings("registries", [npm ? registry + "/" : registry + "/simple/"]);
        w.WriteStartArray("relatedProjects");
        if (p.Repository is { } related)
        {
            foreach (var type in new[] { "ISSUE_TRACKER", "SOURCE_REPO" })
            {
                w.WriteStartObject();
                w.WriteStartObject("projectKey");
                w.WriteString("id", related.ProjectId);
                w.WriteEndObject();
                w.WriteString("relationProvenance", "UNVERIFIED_METADATA");
                w.WriteString("relationType", type);
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static UpstreamResponse GetDependents(PackageFacts p) => UpstreamResponse.Json(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("dependentCount", p.Dependents.DependentCount);
        w.WriteNumber("directDependentCount", p.Dependents.DirectDependentCount);
        w.WriteNumber("indirectDependentCount", p.Dependents.IndirectDependentCount);
        w.WriteEndObject();
    });

    private UpstreamResponse GetProject(string id)
    {
        var parts = id.Split('/');
        if (parts.Length != 3 || parts[0] is not ("github.com" or "gitlab.com"))
            return Error(404, 5, "project not found");
        var repo = universe.GetRepo(parts[0], parts[1], parts[2]);
        if (repo is null)
            return Error(404, 5, "project not found");
        return UpstreamResponse.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("projectKey");
            w.WriteString("id", repo.Ref.ProjectId);
            w.WriteEndObject();
            w.WriteNumber("openIssuesCount", repo.OpenIssues);
            w.WriteNumber("starsCount", repo.Stars);
            w.WriteNumber("forksCount", repo.Forks);
            w.WriteString("license", repo.LicenseSpdx ?? "non-standard");
            w.WriteString("description", repo.Description);
            w.WriteString("homepage", repo.Ref.WebUrl);
            if (repo.Ref.IsGitHub)
            {
                w.WriteStartObject("scorecard");
                w.WriteString("date", ApiJson.Seconds(new DateTimeOffset(universe.Now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-3)));
                w.WriteStartObject("repository");
                w.WriteString("name", repo.Ref.ProjectId);
                w.WriteString("commit", repo.Commits.Count > 0 ? repo.Commits[0].Sha : "");
                w.WriteEndObject();
                w.WriteStartObject("scorecard");
                w.WriteString("version", "v5.2.1");
                w.WriteString("commit", "ab2f6e92482462fe66246d9e32f642855a691dc1");
                w.WriteEndObject();
                w.WriteStartArray("checks");
                foreach (var check in repo.Scorecard.Checks)
                {
                    w.WriteStartObject();
                    w.WriteString("name", check.Name);
                    w.WriteStartObject("documentation");
                    w.WriteString("shortDescription", $"Determines the {check.Name} posture of the project.");
                    w.WriteString("url", $"https://github.com/ossf/scorecard/blob/ab2f6e92482462fe66246d9e32f642855a691dc1/docs/checks.md#{check.Name.ToLowerInvariant()}");
                    w.WriteEndObject();
                    w.WriteNumber("score", check.Score);
                    w.WriteString("reason", check.Reason);
                    w.WriteStartArray("details");
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteNumber("overallScore", repo.Scorecard.OverallScore);
                w.WriteStartArray("metadata");
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });
    }

    private static void WriteVersionKey(System.Text.Json.Utf8JsonWriter w, PackageFacts p, string version)
    {
        w.WriteStartObject("versionKey");
        w.WriteString("system", System(p));
        w.WriteString("name", Name(p));
        w.WriteString("version", version);
        w.WriteEndObject();
    }

    private static void Link(System.Text.Json.Utf8JsonWriter w, string label, string url)
    {
        w.WriteStartObject();
        w.WriteString("label", label);
        w.WriteString("url", url);
        w.WriteEndObject();
    }

    /// <summary>grpc-gateway error body: <c>{"code":5,"message":"…","details":[]}</c>.</summary>
    private static UpstreamResponse Error(int status, int grpcCode, string message) => UpstreamResponse.Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", grpcCode);
        w.WriteString("message", message);
        w.WriteStartArray("details");
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
