using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DepHealth.Cli.Config;
using DepHealth.Core.Api.Client;
using DepHealth.Core.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DepHealth.Cli.Api;

/// <summary>
/// The DepHealth HTTP API: GET package, POST scan, GET usage. Each call is retried with exponential jittered
/// backoff on 429, 5xx, timeouts and network errors, honouring <c>Retry-After</c> (Polly v8).
/// </summary>
public sealed class DepHealthClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly CliConfig _config;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public DepHealthClient(CliConfig config, ApiClientOptions options, HttpMessageHandler? handler = null)
    {
        options.Validate();
        _config = config;
        // Timeouts belong to the pipeline (per attempt); the HttpClient's own is off.
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = config.ApiUrl,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("dephealth-cli", typeof(DepHealthClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _pipeline = BuildPipeline(options);
    }

    public async Task<PackageHealth> GetPackageAsync(string ecosystem, string name, string? fields, CancellationToken ct) =>
        Deserialize(await GetPackageJsonAsync(ecosystem, name, fields, ct), DepHealthJsonContext.Default.PackageHealth);

    /// <summary>The package answer's JSON exactly as the API sent it.</summary>
    public Task<byte[]> GetPackageJsonAsync(string ecosystem, string name, string? fields, CancellationToken ct)
    {
        var path = $"v1/packages/{Uri.EscapeDataString(ecosystem)}/{Uri.EscapeDataString(name)}";
        if (fields is not null) path += "?fields=" + Uri.EscapeDataString(fields);
        return SendRawAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ct);
    }

    public async Task<ScanResult> ScanAsync(ScanRequestBody body, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, DepHealthJsonContext.Default.ScanRequestBody);
        return Deserialize(await SendRawAsync(() => new HttpRequestMessage(HttpMethod.Post, "v1/scan")
        {
            Content = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        }, ct), DepHealthJsonContext.Default.ScanResult);
    }

    public async Task<UsageResult> GetUsageAsync(CancellationToken ct) =>
        Deserialize(await GetUsageJsonAsync(ct), DepHealthJsonContext.Default.UsageResult);

    /// <summary>The usage answer's JSON exactly as the API sent it.</summary>
    public Task<byte[]> GetUsageJsonAsync(CancellationToken ct) =>
        SendRawAsync(() => new HttpRequestMessage(HttpMethod.Get, "v1/usage"), ct);

    private static T Deserialize<T>(byte[] body, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new JsonException("null body");
        }
        catch (JsonException e)
        {
            throw new ApiException(200, "invalid_response", "the API answered with a body that is not the expected JSON", e);
        }
    }

    private async Task<byte[]> SendRawAsync(Func<HttpRequestMessage> create, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                using var request = create();
                if (_config.ApiKey is not null) request.Headers.Add("X-API-Key", _config.ApiKey);
                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new ApiException(0, "unreachable", $"cannot reach the DepHealth API at {_config.ApiUrl} ({Describe(e)})", e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw ErrorFrom(response.StatusCode, body);
            return body;
        }
    }

    private static ApiException ErrorFrom(HttpStatusCode status, byte[] body)
    {
        ErrorDetail? detail = null;
        try { detail = JsonSerializer.Deserialize(body, DepHealthJsonContext.Default.ErrorBody)?.Error; }
        catch (JsonException) { }
        var code = detail?.Code ?? status switch
        {
            HttpStatusCode.Unauthorized => "unauthorized",
            HttpStatusCode.NotFound => "not_found",
            HttpStatusCode.TooManyRequests => "rate_limited",
            >= HttpStatusCode.InternalServerError => "server_error",
            _ => "invalid_request",
        };
        return new ApiException((int)status, code, detail?.Message ?? $"the API answered {(int)status} {status}");
    }

    private static string Describe(Exception e) => e switch
    {
        TimeoutRejectedException or TaskCanceledException => "timed out",
        HttpRequestException { InnerException: { } inner } => inner.Message,
        _ => e.Message,
    };

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(ApiClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.Time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Result: { } r } => IsTransient(r, options.MaxRetryAfter),
                    _ => false,
                }),
                // Retry-After (seconds or a date) wins over the computed backoff.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? RetryAfter(r, options.Time) : null),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    private static bool IsTransient(HttpResponseMessage r, TimeSpan maxRetryAfter) =>
        ((int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests)
        && r.StatusCode != HttpStatusCode.NotImplemented
        && (RetryAfter(r, TimeProvider.System) is not { } wait || wait <= maxRetryAfter);

    private static TimeSpan? RetryAfter(HttpResponseMessage r, TimeProvider time)
    {
        var header = r.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - time.GetUtcNow() is { } d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        return null;
    }

    public void Dispose() => _http.Dispose();
}
