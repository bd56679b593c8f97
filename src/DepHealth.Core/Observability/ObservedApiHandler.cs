using System.Text.Json;
using DepHealth.Core.Api;

namespace DepHealth.Core.Observability;

/// <summary>
/// Wraps the API's handler: one JSON log line per request (with its latency and cache metrics embedded) and a
/// QuotaDenials metric for 429s. The warm path adds two timestamps, a header lookup and the line itself.
/// </summary>
public sealed class ObservedApiHandler(IApiHandler inner, RequestLog log, ServiceMetrics metrics, TimeProvider time) : IApiHandler
{
    public async ValueTask<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        ApiResponse response;
        try
        {
            response = await inner.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            log.Write(log.Entry(request, Unhandled, time.GetElapsedTime(started), "unhandled_exception"));
            throw;
        }
        var errorCode = response.StatusCode >= 400 ? ErrorCodeOf(response) : null;
        log.Write(log.Entry(request, response, time.GetElapsedTime(started), errorCode));
        if (response.StatusCode == 429)
            metrics.QuotaDenied(errorCode == "demo_rate_limit_exceeded" ? "demo" : "monthly");
        return response;
    }

    private static readonly ApiResponse Unhandled = new(500, new Dictionary<string, string>(), default);

    /// <summary>The <c>error.code</c> of an error body (errors only: never on the warm path).</summary>
    private static string? ErrorCodeOf(ApiResponse response)
    {
        try
        {
            var reader = new Utf8JsonReader(response.Body.Span);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object
                   && e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
