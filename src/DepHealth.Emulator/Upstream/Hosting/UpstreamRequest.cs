using Microsoft.AspNetCore.Http;

namespace DepHealth.Emulator.Upstream.Hosting;

/// <summary>A request to one emulated upstream: the path after its prefix, split and percent-decoded segment by segment.</summary>
public sealed class UpstreamRequest
{
    public required UpstreamKind Kind { get; init; }
    /// <summary>Decoded path segments after the upstream prefix (<c>%2F</c> stays inside its segment).</summary>
    public required IReadOnlyList<string> Segments { get; init; }
    public required string Method { get; init; }
    public required IQueryCollection Query { get; init; }
    public required IHeaderDictionary Headers { get; init; }
    public required UpstreamBaseUrls Urls { get; init; }

    public string? QueryValue(string name) => Query.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

    public int QueryInt(string name, int fallback, int min, int max) =>
        int.TryParse(QueryValue(name), out var v) ? Math.Clamp(v, min, max) : fallback;

    /// <summary>Splits a raw request target (<c>/npm/@babel%2Fcore?x=1</c>) into decoded segments after <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> SplitRawTarget(string rawTarget, string prefix)
    {
        var path = rawTarget;
        var q = path.IndexOf('?');
        if (q >= 0)
            path = path[..q];
        if (path.StartsWith(prefix, StringComparison.Ordinal))
            path = path[prefix.Length..];
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
    }
}
