namespace DepHealth.Core.Api;

/// <summary>CORS for configured origins only: the request's origin is echoed back, any other gets no CORS headers.</summary>
public sealed class CorsPolicy
{
    public const string AllowedMethods = "GET, POST, OPTIONS";
    public const string AllowedHeaders = "Content-Type, X-API-Key, If-None-Match";
    public const string ExposedHeaders =
        "ETag, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Usage-Alert, X-Usage-Percent, X-Demo-Mode";

    private readonly HashSet<string> _origins;

    public CorsPolicy(IEnumerable<string> allowedOrigins) =>
        _origins = new HashSet<string>(allowedOrigins, StringComparer.OrdinalIgnoreCase);

    public bool IsEnabled => _origins.Count > 0;

    public bool IsAllowed(string? origin) => origin is not null && _origins.Contains(origin);

    /// <summary>Adds the CORS headers when the request's Origin is allowed; always <c>Vary: Origin</c> when CORS is configured.</summary>
    public void Apply(ApiRequest request, ResponseHeaders headers)
    {
        if (!IsEnabled)
            return;
        headers.Set("Vary", "Origin");
        var origin = request.Header("Origin");
        if (!IsAllowed(origin))
            return;
        headers.Set("Access-Control-Allow-Origin", origin!);
        headers.Set("Access-Control-Expose-Headers", ExposedHeaders);
    }

    /// <summary>The answer to an OPTIONS preflight: 204, with the allow headers only for an allowed origin.</summary>
    public ApiResponse Preflight(ApiRequest request)
    {
        var headers = new ResponseHeaders();
        Apply(request, headers);
        if (IsAllowed(request.Header("Origin")))
        {
            headers.Set("Access-Control-Allow-Methods", AllowedMethods);
            headers.Set("Access-Control-Allow-Headers", AllowedHeaders);
            headers.Set("Access-Control-Max-Age", "600");
        }
        return new ApiResponse(204, headers, ReadOnlyMemory<byte>.Empty);
    }
}
