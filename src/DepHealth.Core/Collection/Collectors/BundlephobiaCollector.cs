using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Collection.Collectors;

/// <summary>
/// bundlephobia <c>/api/size?package=name@version</c>: minified and gzip size, dependency count, size
/// category (reference §4.6). A 429 or a timeout is a failure to retry later, never a wait.
/// </summary>
public sealed class BundlephobiaCollector(UpstreamClient client)
{
    public const string Source = "bundlephobia";
    public const string Call = "bundlephobia.size";

    public async Task<SourceResult<PackageRecord>> GetSizeAsync(string name, string? version, IReadOnlyList<string> dependsOn, CollectionContext context, CancellationToken ct)
    {
        if (client.Urls.Bundlephobia is not { } baseUrl)
            return SourceResult<PackageRecord>.Skipped("not_configured");
        var spec = version is null ? Uri.EscapeDataString(name) : Uri.EscapeDataString(name) + "@" + Uri.EscapeDataString(version);
        var url = UpstreamPaths.Combine(baseUrl, "api/size?package=" + spec);
        var response = await client.GetAsync(new UpstreamRequest(Upstream.Bundlephobia, Call, url, dependsOn), context, ct).ConfigureAwait(false);
        if (response.Status == System.Net.HttpStatusCode.TooManyRequests)
            return SourceResult<PackageRecord>.Failed("rate_limited");
        return ResponseReader.Read(response, root =>
        {
            var gzip = root.Long("gzip");
            if (gzip is null)
                return null;
            return new PackageRecord
            {
                BundleSize = root.Long("size"),
                BundleSizeGzip = gzip,
                BundleDependencyCount = root.Long("dependencyCount"),
                BundleSizeCategory = SizeCategory(gzip.Value),
            };
        });
    }

    /// <summary>By gzip KB: &lt; 5 tiny, &lt; 20 small, &lt; 100 medium, &lt; 500 large, otherwise huge.</summary>
    public static string SizeCategory(long gzipBytes)
    {
        var kb = gzipBytes / 1024.0;
        return kb switch
        {
            < 5 => "tiny",
            < 20 => "small",
            < 100 => "medium",
            < 500 => "large",
            _ => "huge",
        };
    }
}
