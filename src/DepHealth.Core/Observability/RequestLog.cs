using System.Text.Json;
using DepHealth.Core.Api;

namespace DepHealth.Core.Observability;

/// <summary>What one API request did, for its log line. It holds nothing about the caller's API key.</summary>
public readonly record struct RequestLogEntry(
    DateTimeOffset Timestamp,
    string? RequestId,
    string Method,
    string Route,
    int Status,
    double LatencyMs,
    bool? CacheHit,
    string? ErrorCode)
{
    public string Level => Status >= 500 ? "ERROR" : Status >= 400 ? "WARN" : "INFO";
}

/// <summary>
/// Writes one structured JSON line per API request that is also a CloudWatch EMF record: CloudWatch extracts
/// <c>latency_ms</c> and (when the package cache was consulted) <c>cache_hit</c> as metrics by <c>route</c>, so the
/// warm path writes one line, not two. Never writes the API key, its hash or the request body.
/// </summary>
public sealed class RequestLog
{
    private readonly JsonLineWriter _writer;
    private readonly TimeProvider _time;
    private readonly byte[] _metricsWithCache;
    private readonly byte[] _metricsWithoutCache;

    public RequestLog(JsonLineWriter writer, TimeProvider time, string metricNamespace = EmbeddedMetrics.DefaultNamespace)
    {
        _writer = writer;
        _time = time;
        _metricsWithCache = Directive(metricNamespace, withCache: true);
        _metricsWithoutCache = Directive(metricNamespace, withCache: false);
    }

    public RequestLogEntry Entry(ApiRequest request, ApiResponse response, TimeSpan latency, string? errorCode = null) => new(
        _time.GetUtcNow(),
        request.RequestId,
        request.Method,
        Routes.Template(request.Path),
        response.StatusCode,
        Math.Round(latency.TotalMilliseconds, 3),
        CacheHitOf(response),
        errorCode);

    /// <summary>True for <c>X-Cache: hit</c>, false for <c>miss</c>, null when the response has no such header.</summary>
    public static bool? CacheHitOf(ApiResponse response) =>
        response.Headers.TryGetValue(CacheStatus.Header, out var cache) ? string.Equals(cache, CacheStatus.Hit, StringComparison.OrdinalIgnoreCase) : null;

    public void Write(in RequestLogEntry entry) => _writer.Write(new State(entry, this), static (Utf8JsonWriter w, in State s) =>
    {
        var e = s.Entry;
        w.WriteString("timestamp", e.Timestamp.UtcDateTime);
        w.WriteString("level", e.Level);
        w.WriteString("type", "request");
        if (e.RequestId is not null) w.WriteString("request_id", e.RequestId);
        w.WriteString("method", e.Method);
        w.WriteString("route", e.Route);
        w.WriteNumber("status", e.Status);
        w.WriteNumber("latency_ms", e.LatencyMs);
        if (e.CacheHit is { } hit) w.WriteNumber("cache_hit", hit ? 1 : 0);
        if (e.ErrorCode is not null) w.WriteString("error_code", e.ErrorCode);
        w.WriteStartObject("_aws");
        w.WriteNumber("Timestamp", e.Timestamp.ToUnixTimeMilliseconds());
        w.WritePropertyName("CloudWatchMetrics");
        w.WriteRawValue(e.CacheHit is null ? s.Log._metricsWithoutCache : s.Log._metricsWithCache, skipInputValidation: true);
        w.WriteEndObject();
    });

    private readonly record struct State(RequestLogEntry Entry, RequestLog Log);

    /// <summary>The CloudWatchMetrics array, rendered once: it is the same for every request line.</summary>
    private static byte[] Directive(string metricNamespace, bool withCache)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("Namespace", metricNamespace);
            w.WriteStartArray("Dimensions");
            w.WriteStartArray();
            w.WriteStringValue("route");
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteStartArray("Metrics");
            Metric(w, "latency_ms", MetricUnit.Milliseconds);
            if (withCache) Metric(w, "cache_hit", MetricUnit.Count);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        return stream.ToArray();

        static void Metric(Utf8JsonWriter w, string name, MetricUnit unit)
        {
            w.WriteStartObject();
            w.WriteString("Name", name);
            w.WriteString("Unit", unit.ToString());
            w.WriteEndObject();
        }
    }
}

/// <summary>Route templates for logs and metric dimensions: the path without names, which are not low-cardinality.</summary>
public static class Routes
{
    public const string Package = "/v1/packages/{ecosystem}/{name}";
    public const string Scan = "/v1/scan";
    public const string Usage = "/v1/usage";
    public const string Health = "/v1/health";
    public const string Other = "other";

    /// <summary>The template of <paramref name="path"/>, with or without the /v1 prefix (API Gateway strips the stage); no allocation.</summary>
    public static string Template(string? path)
    {
        var p = path.AsSpan();
        if (p.StartsWith("/v1/", StringComparison.Ordinal)) p = p[3..];
        if (p.StartsWith("/packages/", StringComparison.Ordinal) || p.SequenceEqual("/packages")) return Package;
        if (p.SequenceEqual("/scan")) return Scan;
        if (p.SequenceEqual("/usage")) return Usage;
        if (p.SequenceEqual("/health")) return Health;
        return Other;
    }
}
