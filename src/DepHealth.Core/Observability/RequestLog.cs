using System.Security.Cryptography;
using System.Text;
using DepHealth.Core.Api;

namespace DepHealth.Core.Observability;

/// <summary>What one API request did, for its log line. Holds no API key: only a prefix of the key's SHA-256.</summary>
public sealed record RequestLogEntry(
    DateTimeOffset Timestamp,
    string Level,
    string? RequestId,
    string Method,
    string Route,
    int Status,
    double LatencyMs,
    bool? CacheHit,
    string? KeyHashPrefix,
    string? ErrorCode);

/// <summary>Writes one structured JSON log line per API request.</summary>
public sealed class RequestLog(JsonLineWriter writer, TimeProvider time)
{
    /// <summary>Enough of the key's hash to tell keys apart in logs; not enough to find the key.</summary>
    public const int KeyHashPrefixLength = 8;

    /// <summary>The response header through which a handler may tell whether the package cache answered (HIT/MISS).</summary>
    public const string CacheHeader = "X-Cache";

    public RequestLogEntry Entry(ApiRequest request, ApiResponse response, TimeSpan latency, string? errorCode = null) => new(
        time.GetUtcNow(),
        response.StatusCode >= 500 ? "ERROR" : response.StatusCode >= 400 ? "WARN" : "INFO",
        request.RequestId,
        request.Method,
        Routes.Template(request.Path),
        response.StatusCode,
        Math.Round(latency.TotalMilliseconds, 3),
        response.Headers.TryGetValue(CacheHeader, out var cache) ? string.Equals(cache, "HIT", StringComparison.OrdinalIgnoreCase) : null,
        KeyHashPrefix(request.Header("X-API-Key")),
        errorCode);

    public void Write(RequestLogEntry e) => writer.Write(w =>
    {
        w.WriteString("timestamp", e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        w.WriteString("level", e.Level);
        w.WriteString("type", "request");
        if (e.RequestId is not null) w.WriteString("request_id", e.RequestId);
        w.WriteString("method", e.Method);
        w.WriteString("route", e.Route);
        w.WriteNumber("status", e.Status);
        w.WriteNumber("latency_ms", e.LatencyMs);
        if (e.CacheHit is { } hit) w.WriteBoolean("cache_hit", hit); else w.WriteNull("cache_hit");
        if (e.KeyHashPrefix is not null) w.WriteString("key_hash_prefix", e.KeyHashPrefix);
        if (e.ErrorCode is not null) w.WriteString("error_code", e.ErrorCode);
    });

    /// <summary>The first <see cref="KeyHashPrefixLength"/> hex digits of SHA-256(key), or null without a key.</summary>
    public static string? KeyHashPrefix(string? rawKey) =>
        string.IsNullOrEmpty(rawKey)
            ? null
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawKey)))[..KeyHashPrefixLength];
}

/// <summary>Route templates for logs and metric dimensions: the path without names, which are not low-cardinality.</summary>
public static class Routes
{
    public static string Template(string path)
    {
        if (path.StartsWith("/v1/packages/", StringComparison.Ordinal)) return "/v1/packages/{ecosystem}/{name}";
        return path switch
        {
            "/v1/scan" or "/v1/usage" or "/v1/health" => path,
            _ => "other",
        };
    }
}
