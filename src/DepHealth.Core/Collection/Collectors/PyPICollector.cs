using System.Text.Json;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Collection.Collectors;

/// <summary>PyPI's JSON API <c>/pypi/{normalized}/json</c> and pypistats' recent week (reference §4.7).</summary>
public sealed class PyPICollector(UpstreamClient client)
{
    public const string Source = "pypi";
    public const string MetadataCall = "pypi.json";
    public const string DownloadsCall = "pypistats.recent";

    private static readonly string[] RepositoryKeys = ["Repository", "Source", "Source Code", "GitHub", "Code", "Homepage"];

    public async Task<SourceResult<PackageRecord>> GetMetadataAsync(string normalizedName, CollectionContext context, CancellationToken ct)
    {
        if (client.Urls.PyPI is not { } baseUrl)
            return SourceResult<PackageRecord>.Skipped("not_configured");
        var url = UpstreamPaths.Combine(baseUrl, "pypi/" + Uri.EscapeDataString(normalizedName) + "/json");
        var response = await client.GetAsync(new UpstreamRequest(Upstream.PyPI, MetadataCall, url), context, ct).ConfigureAwait(false);
        return ResponseReader.Read(response, Map);
    }

    public async Task<SourceResult<long>> GetWeeklyDownloadsAsync(string normalizedName, CollectionContext context, CancellationToken ct)
    {
        if (client.Urls.PyPIStats is not { } baseUrl)
            return SourceResult<long>.Skipped("not_configured");
        var url = UpstreamPaths.Combine(baseUrl, "api/packages/" + Uri.EscapeDataString(normalizedName) + "/recent?period=week");
        var response = await client.GetAsync(new UpstreamRequest(Upstream.PyPIStats, DownloadsCall, url), context, ct).ConfigureAwait(false);
        var result = ResponseReader.Read(response, root => root.Obj("data")?.Long("last_week"));
        return result.IsOk ? SourceResult<long>.Ok(result.Value!.Value) : result.As<long>();
    }

    public static PackageRecord? Map(JsonElement root)
    {
        if (root.Obj("info") is not { } info)
            return null;
        var record = new PackageRecord { LatestVersion = info.Str("version") };

        var maintainers = new[] { info.Str("maintainer"), info.Str("author") }
            .Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (maintainers.Count == 0)
        {
            maintainers = new[] { info.Str("maintainer_email"), info.Str("author_email") }
                .Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        }
        record.Maintainers = maintainers;
        record.MaintainerCount = maintainers.Count;

        var classifiers = info.Arr("classifiers").Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToList();
        record.IsDeprecated = classifiers.Any(c => c.Contains("Development Status :: 7 - Inactive", StringComparison.Ordinal));
        record.DevelopmentStatus = classifiers.Where(c => c.StartsWith("Development Status ::", StringComparison.Ordinal))
            .Select(c => c[(c.LastIndexOf("::", StringComparison.Ordinal) + 2)..].Trim()).FirstOrDefault();
        record.PythonVersions = [.. classifiers
            .Where(c => c.StartsWith("Programming Language :: Python ::", StringComparison.Ordinal))
            .Select(c => c[(c.LastIndexOf("::", StringComparison.Ordinal) + 2)..].Trim())
            .Where(v => v.Length > 0 && char.IsAsciiDigit(v[0]))
            .Distinct(StringComparer.Ordinal)];
        record.RequiresPython = info.Str("requires_python") is { Length: > 0 } rp ? rp : null;
        record.DependenciesDirect = info.Arr("requires_dist")
            .Count(d => d.ValueKind == JsonValueKind.String && !d.GetString()!.Contains("extra ==", StringComparison.Ordinal));

        var uploads = root.Obj("releases") is { } releases
            ? releases.EnumerateObject()
                .Select(r => r.Value.Items().FirstOrDefault())
                .Where(f => f.ValueKind == JsonValueKind.Object)
                .Select(f => f.Date("upload_time_iso_8601") ?? f.Date("upload_time"))
                .Where(d => d is not null).Select(d => d!.Value).Order().ToList()
            : [];
        if (uploads.Count > 0)
        {
            record.CreatedAt = uploads[0];
            record.LastPublished = uploads[^1];
        }

        string? repository = null;
        if (info.Obj("project_urls") is { } urls)
        {
            foreach (var key in RepositoryKeys)
            {
                if (urls.Str(key) is { Length: > 0 } u) { repository = u; break; }
            }
        }
        repository ??= info.Str("home_page") is { Length: > 0 } hp ? hp : info.Str("project_url");
        var cleaned = RepositoryUrls.Clean(repository);
        if (cleaned is not null && (cleaned.Contains("github.com", StringComparison.OrdinalIgnoreCase) ||
                                    cleaned.Contains("gitlab.com", StringComparison.OrdinalIgnoreCase) ||
                                    cleaned.Contains("bitbucket.org", StringComparison.OrdinalIgnoreCase)))
            record.RepositoryUrl = cleaned;
        if (info.Str("license") is { Length: > 0 and < 100 } license)
            record.Licenses = [license];
        return record;
    }
}
