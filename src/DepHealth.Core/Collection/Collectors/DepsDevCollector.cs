using System.Text.Json;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Collection.Collectors;

/// <summary>deps.dev GetPackage: the default version, and the publication dates around it.</summary>
public sealed record DepsDevPackage(
    string DefaultVersion, DateTimeOffset? DefaultPublishedAt, DateTimeOffset? FirstPublishedAt, bool? IsDeprecated, string? DeprecatedReason);

/// <summary>deps.dev GetVersion: licences, advisories, the source repository and its project id.</summary>
public sealed record DepsDevVersion(
    DateTimeOffset? PublishedAt, List<string> Licenses, List<string> AdvisoryIds, string? RepositoryUrl, string? ProjectId,
    bool? IsDeprecated, string? DeprecatedReason);

/// <summary>deps.dev GetProject: OpenSSF scorecard and GitHub counters (the fallback when GitHub is not reached).</summary>
public sealed record DepsDevProject(double? Score, List<OpenSsfCheck>? Checks, long? Stars, long? Forks, long? OpenIssues);

/// <summary>The deps.dev calls (v3alpha: package, version, :dependents, project), each usable as a node of the collection graph.</summary>
public sealed class DepsDevCollector(UpstreamClient client)
{
    public const string Source = "deps.dev";

    public async Task<SourceResult<DepsDevPackage>> GetPackageAsync(Ecosystem ecosystem, string name, CollectionContext context, CancellationToken ct)
    {
        var response = await GetAsync("depsdev.package", PackagePath(ecosystem, name), [], context, ct).ConfigureAwait(false);
        return Read(response, root =>
        {
            var versions = root.Arr("versions").ToList();
            if (versions.Count == 0)
                return null;
            var chosen = versions.FirstOrDefault(v => v.Bool("isDefault") == true);
            if (chosen.ValueKind == JsonValueKind.Undefined)
                chosen = versions[^1];
            var version = chosen.Obj("versionKey")?.Str("version");
            if (string.IsNullOrEmpty(version))
                return null;
            var first = versions.Select(v => v.Date("publishedAt")).Where(d => d is not null).Min();
            return new DepsDevPackage(version, chosen.Date("publishedAt"), first, chosen.Bool("isDeprecated") ?? false, chosen.Str("deprecatedReason"));
        });
    }

    public async Task<SourceResult<DepsDevVersion>> GetVersionAsync(Ecosystem ecosystem, string name, string version, CollectionContext context, CancellationToken ct)
    {
        var response = await GetAsync("depsdev.version", VersionPath(ecosystem, name, version), ["depsdev.package"], context, ct).ConfigureAwait(false);
        return Read(response, root =>
        {
            var repo = root.Arr("links").Where(l => l.Str("label") == "SOURCE_REPO").Select(l => l.Str("url")).FirstOrDefault(u => u is not null);
            var projectId = root.Arr("relatedProjects")
                .Where(p => p.Str("relationType") == "SOURCE_REPO")
                .Select(p => p.Obj("projectKey")?.Str("id"))
                .FirstOrDefault(RepositoryUrls.IsProjectId);
            repo ??= projectId is null ? null : "https://" + projectId;
            projectId ??= RepositoryUrls.ParseGitHub(repo)?.DepsDevProjectId;
            return new DepsDevVersion(
                root.Date("publishedAt"),
                [.. root.Arr("licenses").Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()!)],
                [.. root.Arr("advisoryKeys").Select(a => a.Str("id")).Where(id => id is not null).Select(id => id!)],
                RepositoryUrls.Clean(repo),
                projectId,
                // proto3 JSON omits false booleans: absent means not deprecated.
                root.Bool("isDeprecated") ?? false,
                root.Str("deprecatedReason"));
        });
    }

    public async Task<SourceResult<long>> GetDependentsAsync(Ecosystem ecosystem, string name, string version, CollectionContext context, CancellationToken ct)
    {
        var response = await GetAsync("depsdev.dependents", VersionPath(ecosystem, name, version) + ":dependents", ["depsdev.package"], context, ct).ConfigureAwait(false);
        var result = Read(response, root =>
        {
            // dependentCount is an int64 (a JSON string in proto3 mapping); older shapes listed the dependents.
            if (root.Long("dependentCount") is { } count)
                return (long?)count;
            return root.Prop("dependents") is { ValueKind: JsonValueKind.Array } list ? list.GetArrayLength() : null;
        });
        return result.IsOk ? SourceResult<long>.Ok(result.Value!.Value) : result.As<long>();
    }

    /// <summary>GetProject for an id such as <c>github.com/expressjs/express</c> (one encoded segment).</summary>
    public async Task<SourceResult<DepsDevProject>> GetProjectAsync(string projectId, IReadOnlyList<string> dependsOn, CollectionContext context, CancellationToken ct)
    {
        var response = await GetAsync("depsdev.project", "v3alpha/projects/" + Uri.EscapeDataString(projectId), dependsOn, context, ct).ConfigureAwait(false);
        return Read(response, root =>
        {
            var card = root.Obj("scorecard");
            List<OpenSsfCheck>? checks = card is { } c
                ? [.. c.Arr("checks").Select(ch => new OpenSsfCheck
                {
                    Name = ch.Str("name"),
                    Score = ch.Double("score"),
                    Reason = ch.Str("reason"),
                    Documentation = ch.Obj("documentation")?.Str("url"),
                })]
                : null;
            return new DepsDevProject(card?.Double("overallScore"), checks, root.Long("starsCount"), root.Long("forksCount"), root.Long("openIssuesCount"));
        });
    }

    /// <summary>Writes what deps.dev said into a record fragment (§4.3's deps.dev field list).</summary>
    public static void Apply(DepsDevPackage? package, DepsDevVersion? version, long? dependents, DepsDevProject? project, PackageRecord into)
    {
        if (package is not null)
        {
            into.LatestVersion = package.DefaultVersion;
            into.LastPublished = package.DefaultPublishedAt;
            into.CreatedAt = package.FirstPublishedAt;
        }
        if (version is not null)
        {
            into.LastPublished = version.PublishedAt ?? into.LastPublished;
            into.Licenses = version.Licenses;
            into.Advisories = [.. version.AdvisoryIds.Select(id => new Advisory { Id = id, Url = "https://osv.dev/vulnerability/" + Uri.EscapeDataString(id) })];
            into.RepositoryUrl = version.RepositoryUrl;
        }
        var deprecated = version?.IsDeprecated ?? package?.IsDeprecated;
        if (deprecated is not null)
        {
            into.IsDeprecated = deprecated;
            if (deprecated == true)
                into.DeprecationMessage = version?.DeprecatedReason ?? package?.DeprecatedReason;
        }
        if (dependents is not null)
            into.DependentsCount = dependents;
        if (project is not null)
        {
            into.OpenSsfScore = project.Score;
            into.OpenSsfChecks = project.Checks;
            into.Stars = project.Stars;
            into.Forks = project.Forks;
            into.OpenIssues = project.OpenIssues;
        }
    }

    private static string SystemName(Ecosystem ecosystem) => ecosystem == Ecosystem.Npm ? "npm" : "pypi";

    private static string PackagePath(Ecosystem ecosystem, string name) =>
        $"v3alpha/systems/{SystemName(ecosystem)}/packages/{UpstreamPaths.DepsDevName(name)}";

    private static string VersionPath(Ecosystem ecosystem, string name, string version) =>
        PackagePath(ecosystem, name) + "/versions/" + Uri.EscapeDataString(version);

    private static SourceResult<T> Read<T>(UpstreamResponse response, Func<JsonElement, T?> map) =>
        response.Failure == "not_configured" ? SourceResult<T>.Skipped("not_configured") : ResponseReader.Read(response, map);

    private async Task<UpstreamResponse> GetAsync(string call, string path, IReadOnlyList<string> dependsOn, CollectionContext context, CancellationToken ct)
    {
        if (client.Urls.DepsDev is not { } baseUrl)
            return UpstreamResponse.Failed("not_configured");
        return await client.GetAsync(new UpstreamRequest(Upstream.DepsDev, call, UpstreamPaths.Combine(baseUrl, path), dependsOn), context, ct).ConfigureAwait(false);
    }
}
