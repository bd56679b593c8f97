namespace DepHealth.Core.Api;

/// <summary>
/// Maps method + path to the handlers: <c>/v1/packages/{ecosystem}/{name}</c> (name may hold an encoded or literal
/// <c>/</c>), <c>/v1/scan</c>, <c>/v1/usage</c>, <c>/v1/health</c>; the <c>/v1</c> prefix is optional because API
/// Gateway strips the stage. HEAD is served as GET without the body (RFC 9110 §9.3.2). Adds CORS to every answer,
/// turns any unexpected exception into a bare 500 and answers 503 <c>deadline_exceeded</c> at
/// <see cref="ApiOptions.RequestDeadline"/> whatever the handler is waiting for.
/// </summary>
public sealed class ApiRouter(
    GetPackageHandler getPackage,
    ScanHandler scan,
    UsageHandler usage,
    HealthHandler health,
    CorsPolicy cors,
    ApiOptions options,
    TimeProvider time) : IApiHandler
{
    private const string PackagesPrefix = "/packages/";

    public async ValueTask<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        ApiResponse response;
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var pending = RouteAsync(request, work.Token);
            // A warm answer completes synchronously: no timer. Otherwise WaitAsync answers at the deadline even if the
            // handler awaits something that ignores its token; the handler's work is then cancelled.
            response = pending.IsCompletedSuccessfully
                ? pending.Result
                : await pending.AsTask().WaitAsync(options.RequestDeadline, time, cancellationToken);
        }
        catch (TimeoutException) when (!cancellationToken.IsCancellationRequested)
        {
            await work.CancelAsync();
            response = DeadlineExceeded();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Never a stack trace or exception text in the answer.
            response = ApiError.Create(500, ErrorCodes.InternalError, "An error occurred processing your request");
        }
        if (response.Headers is ResponseHeaders headers)
            cors.Apply(request, headers);
        return IsHead(request) ? response with { Body = ReadOnlyMemory<byte>.Empty } : response;
    }

    private ValueTask<ApiResponse> RouteAsync(ApiRequest request, CancellationToken ct)
    {
        var path = request.Path ?? "";
        if (path.StartsWith("/v1/", StringComparison.Ordinal))
            path = path[3..];
        var method = IsHead(request) ? "GET" : request.Method?.ToUpperInvariant() ?? "";

        if (path.StartsWith(PackagesPrefix, StringComparison.Ordinal) || path == "/packages")
        {
            if (method == "OPTIONS") return new(cors.Preflight(request));
            if (method != "GET") return new(MethodNotAllowed("GET, HEAD, OPTIONS"));
            var (ecosystem, name) = PackageRoute(request, path);
            return getPackage.HandleAsync(request, ecosystem, name, ct);
        }

        switch (path)
        {
            case "/scan":
                if (method == "OPTIONS") return new(cors.Preflight(request));
                return method == "POST" ? scan.HandleAsync(request, ct) : new(MethodNotAllowed("POST, OPTIONS"));
            case "/usage":
                if (method == "OPTIONS") return new(cors.Preflight(request));
                return method == "GET" ? usage.HandleAsync(request, ct) : new(MethodNotAllowed("GET, HEAD, OPTIONS"));
            case "/health":
                if (method == "OPTIONS") return new(cors.Preflight(request));
                return method == "GET" ? new(health.Handle()) : new(MethodNotAllowed("GET, HEAD, OPTIONS"));
            default:
                return new(ApiError.Create(404, ErrorCodes.NotFound, "No such endpoint"));
        }
    }

    /// <summary>Ecosystem and URL-decoded name: hosts' path parameters arrive decoded; the raw path is decoded here, once.</summary>
    private static (string? Ecosystem, string? Name) PackageRoute(ApiRequest request, string path)
    {
        if (request.PathParameters.TryGetValue("ecosystem", out var eco) && request.PathParameters.TryGetValue("name", out var n))
            return (eco, n);

        var rest = path.Length > PackagesPrefix.Length ? path[PackagesPrefix.Length..] : "";
        var slash = rest.IndexOf('/');
        return slash < 0 ? (Decode(rest), null) : (Decode(rest[..slash]), Decode(rest[(slash + 1)..]));
    }

    /// <summary>Percent-decodes once; invalid UTF-8 sequences stay escaped, so validation rejects them.</summary>
    private static string? Decode(string? value) =>
        string.IsNullOrEmpty(value) ? value : Uri.UnescapeDataString(value);

    private static bool IsHead(ApiRequest request) => string.Equals(request.Method, "HEAD", StringComparison.OrdinalIgnoreCase);

    private static ApiResponse DeadlineExceeded()
    {
        var headers = new ResponseHeaders();
        RateLimitHeaders.AddRetryAfter(headers, 1);
        return ApiError.Create(503, ErrorCodes.DeadlineExceeded, "The request did not complete in time; try again shortly", headers);
    }

    private static ApiResponse MethodNotAllowed(string allow) =>
        ApiError.Create(405, ErrorCodes.MethodNotAllowed, $"Method not allowed; use {allow}",
            new ResponseHeaders().Set("Allow", allow));
}
