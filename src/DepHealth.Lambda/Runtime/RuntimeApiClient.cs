using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using DepHealth.Lambda.Json;

namespace DepHealth.Lambda.Runtime;

/// <summary>
/// HTTP client of the Lambda Runtime API: next, response, error and init/error. One pooled connection to the
/// local endpoint; no timeout, because <c>next</c> blocks until an event arrives.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private static readonly MediaTypeHeaderValue ErrorType = new(RuntimeApiHeaders.ErrorContentType);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>A client for <paramref name="runtimeApi"/> (host:port, as in AWS_LAMBDA_RUNTIME_API).</summary>
    public RuntimeApiClient(string runtimeApi, TimeProvider? timeProvider = null, HttpMessageHandler? handler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        _time = timeProvider ?? TimeProvider.System;
        _http = new HttpClient(handler ?? CreateHandler(), disposeHandler: true)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/{RuntimeApiHeaders.ApiVersion}/runtime/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("dephealth-lambda", "1.0"));
    }

    /// <summary>A client for the Runtime API this process was started with.</summary>
    public static RuntimeApiClient FromEnvironment(TimeProvider? timeProvider = null) =>
        new(Environment.GetEnvironmentVariable(RuntimeApiHeaders.RuntimeApiVariable)
            ?? throw new InvalidOperationException($"{RuntimeApiHeaders.RuntimeApiVariable} is not set: not running in Lambda"),
            timeProvider);

    // SocketsHttpHandler directly: no HttpClientHandler wrapper, no proxy lookup, no decompression at cold start.
    private static SocketsHttpHandler CreateHandler() => new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>GET invocation/next: blocks until Lambda has an event for this runtime.</summary>
    public async Task<LambdaInvocation> GetNextInvocationAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync("invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new RuntimeApiException("next", response.StatusCode, System.Text.Encoding.UTF8.GetString(body));

        var requestId = Header(response, RuntimeApiHeaders.RequestId)
            ?? throw new InvalidOperationException($"next answered without {RuntimeApiHeaders.RequestId}");
        var context = new InvocationContext(
            requestId,
            ParseDeadline(Header(response, RuntimeApiHeaders.DeadlineMs)),
            Header(response, RuntimeApiHeaders.InvokedFunctionArn),
            Header(response, RuntimeApiHeaders.TraceId),
            _time);
        return new LambdaInvocation(context, body);
    }

    /// <summary>POST invocation/{id}/response with the handler's JSON.</summary>
    public Task SendResponseAsync(string awsRequestId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        var content = new ReadOnlyMemoryContent(payload);
        content.Headers.ContentType = JsonType;
        return PostAsync($"invocation/{Uri.EscapeDataString(awsRequestId)}/response", content, "response", cancellationToken);
    }

    /// <summary>POST invocation/{id}/error: this invocation failed; the runtime keeps serving.</summary>
    public Task ReportInvocationErrorAsync(string awsRequestId, LambdaError error, CancellationToken cancellationToken = default) =>
        PostAsync($"invocation/{Uri.EscapeDataString(awsRequestId)}/error", ErrorContent(error), "error", cancellationToken, error.ErrorType);

    /// <summary>POST init/error: initialisation failed; the runtime must exit afterwards.</summary>
    public Task ReportInitErrorAsync(LambdaError error, CancellationToken cancellationToken = default) =>
        PostAsync("init/error", ErrorContent(error), "init/error", cancellationToken, error.ErrorType);

    private static HttpContent ErrorContent(LambdaError error)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, LambdaJsonContext.Default.LambdaError));
        content.Headers.ContentType = ErrorType;
        return content;
    }

    private async Task PostAsync(string path, HttpContent content, string operation, CancellationToken cancellationToken,
        string? errorType = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        // The error type travels as a header too: Lambda falls back to it when the body is unreadable.
        if (errorType is not null)
            request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.FunctionErrorType, errorType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new RuntimeApiException(operation, response.StatusCode,
                await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private DateTimeOffset ParseDeadline(string? deadlineMs) =>
        long.TryParse(deadlineMs, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            // No deadline given (never in Lambda): treat as Lambda's maximum of 15 minutes.
            : _time.GetUtcNow().AddMinutes(15);

    public void Dispose() => _http.Dispose();
}
