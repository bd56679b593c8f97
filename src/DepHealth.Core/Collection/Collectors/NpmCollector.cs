using System.Text.Json;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Collection.Collectors;

/// <summary>
/// npm: the small per-version document <c>{registry}/{name}/latest</c> (never the packument, which exceeds
/// 10 MB for popular packages) and the weekly download count. The small document has no <c>time</c>
/// map: created_at and last_published come from deps.dev's version list instead.
/// </summary>
public sealed class NpmCollector(UpstreamClient client)
{
    public const string Source = "npm";
    public const string MetadataCall = "npm.latest";
    public const string DownloadsCall = "npm.downloads";

    public async Task<SourceResult<PackageRecord>> GetLatestAsync(string name, CollectionContext context, CancellationToken ct)
    {
        if (client.Urls.NpmRegistry is not { } registry)
            return SourceResult<PackageRecord>.Skipped("not_configured");
        var url = UpstreamPaths.Combine(registry, UpstreamPaths.NpmRegistryName(name) + "/latest");
        var response = await client.GetAsync(new UpstreamRequest(Upstream.NpmRegistry, MetadataCall, url,
            Headers: [new("Accept", "application/json")]), context, ct).ConfigureAwait(false);
        return ResponseReader.Read(response, Map);
    }

    public async Task<SourceResult<long>> GetWeeklyDownloadsAsync(string name, CollectionContext context, CancellationToken ct)
    {
        if (client.Urls.NpmDownloads is not { } api)
            return SourceResult<long>.Skipped("not_configured");
        var url = UpstreamPaths.Combine(api, "downloads/point/last-week/" + UpstreamPaths.NpmDownloadsName(name));
        var response = await client.GetAsync(new UpstreamRequest(Upstream.NpmDownloads, DownloadsCall, url), context, ct).ConfigureAwait(false);
        var result = ResponseReader.Read(response, root => root.Long("downloads"));
        return result.IsOk ? SourceResult<long>.Ok(result.Value!.Value) : result.As<long>();
    }

    /// <summary>Maps one version document (the shape of <c>versions[v]</c> in a packument) into a record fragment.</summary>
    public static PackageRecord? Map(JsonElement doc)
    {
        var record = new PackageRecord { LatestVersion = doc.Str("version") };
        if (record.LatestVersion is null)
            return null;

        var maintainers = doc.Arr("maintainers")
            .Select(m => m.ValueKind == JsonValueKind.String ? m.GetString() : m.Str("name"))
            .Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).Distinct(StringComparer.Ordinal).ToList();
        record.Maintainers = maintainers;
        record.MaintainerCount = maintainers.Count;

        switch (doc.Prop("deprecated"))
        {
            case { ValueKind: JsonValueKind.String } message when message.GetString() is { Length: > 0 } text:
                record.IsDeprecated = true;
                record.DeprecationMessage = text;
                break;
            case { ValueKind: JsonValueKind.True }:
                record.IsDeprecated = true;
                break;
            default:
                record.IsDeprecated = false;
                break;
        }

        record.HasTypes = !string.IsNullOrEmpty(doc.Str("types")) || !string.IsNullOrEmpty(doc.Str("typings"));
        record.ModuleType = doc.Str("type") == "module" ? "module" : "commonjs";
        record.HasExports = doc.Prop("exports") is not null;
        if (doc.Obj("engines") is { } engines)
        {
            record.Engines = engines.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }
        var repository = doc.Prop("repository") switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Object } o => o.Str("url"),
            _ => null,
        };
        record.RepositoryUrl = RepositoryUrls.Clean(repository);
        record.DependenciesDirect = doc.Obj("dependencies") is { } deps ? deps.EnumerateObject().Count() : 0;
        if (doc.Str("license") is { Length: > 0 } license)
            record.Licenses = [license];
        return record;
    }
}
