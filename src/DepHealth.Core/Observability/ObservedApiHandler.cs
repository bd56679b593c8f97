using System.Diagnostics;
using System.Text.Json;
using DepHealth.Core.Api;

namespace DepHealth.Core.Observability;

/// <summary>
/// Wraps the API's handler: one JSON log line per request, a CacheHit metric when the handler reports one
/// (<c>X-Cache</c>), and a QuotaDenials metric for 429s. Hosts wrap <c>ApiApplication.Handler</c> with it.
/// </summary>
public sealed class ObservedApiHandler(IApiHandler inner, RequestLog log, ServiceMetrics metrics, TimeProvider time) : IApiHandler
{
    public async ValueTask<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        ApiResponse response;
        try
        {
            response = await inner.HandleAsync(request, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            log.Write(log.Entry(request, new ApiResponse(500, new Dictionary<string, string>(), default), time.GetElapsedTime(started), "unhandled_exception"));
            throw;
        }
        var entry = log.Entry(request, response, time.GetElapsedTime(started), response.StatusCode >= 400 ? ErrorCodeOf(response) : null);
        log.Write(entry);
        if (entry.CacheHit is { } hit) metrics.CacheLookup(entry.Route, hit);
        if (response.StatusCode == 429)
            metrics.QuotaDenied(entry.ErrorCode == "demo_rate_limit_exceeded" ? "demo" : "monthly");
        return response;
    }

    private static string? ErrorCodeOf(ApiResponse response)
    {
        try
        {
            var reader = new Utf8JsonReader(response.Body.Span);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.TryGetProperty("error", out var e) && e.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
