using System.Globalization;
using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Resilience;

namespace DepHealth.Core.Collection.Http;

/// <summary>Per-collection state of the calls: the timing recorder and, in sequential mode, the gate that serialises them.</summary>
public sealed class CollectionContext(CallRecorder recorder, SemaphoreSlim? gate = null)
{
    public CallRecorder Recorder { get; } = recorder;
    public SemaphoreSlim? Gate { get; } = gate;
}

/// <summary>
/// Sends GETs to the configured upstreams through their resilience pipelines over the pooled client,
/// reads capped bodies, records timings, and turns every upstream trouble into a failure reason.
/// </summary>
public sealed class UpstreamClient : IDisposable
{
    private readonly CollectionSettings _settings;
    private readonly HttpClient? _shared;
    private readonly Dictionary<Upstream, ResiliencePipeline<HttpResponseMessage>> _pipelines = [];
    private readonly Dictionary<Upstream, CircuitBreakerStateProvider> _circuits = [];

    /// <summary>Sends through <paramref name="handler"/>, or the process-wide shared handler when null.</summary>
    public UpstreamClient(UpstreamOptions urls, CollectionSettings settings, TimeProvider time, HttpMessageHandler? handler = null)
    {
        Urls = urls;
        Time = time;
        _settings = settings;
        settings.Http.Validate();
        if (!settings.NewConnectionPerCall)
            _shared = UpstreamHttpClients.CreateClient(handler ?? UpstreamHttpClients.Shared, settings.Http);
        foreach (var upstream in Upstreams.All)
        {
            var state = new CircuitBreakerStateProvider();
            _circuits[upstream] = state;
            _pipelines[upstream] = UpstreamPipelineFactory.Create(settings.ResilienceFor(upstream), time, stateProvider: state);
        }
    }

    public UpstreamOptions Urls { get; }
    public TimeProvider Time { get; }
    public CollectionSettings Settings => _settings;

    public CircuitState CircuitState(Upstream upstream) => _circuits[upstream].CircuitState;

    public async Task<UpstreamResponse> GetAsync(UpstreamRequest request, CollectionContext context, CancellationToken cancellationToken)
    {
        if (context.Gate is { } gate)
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var start = context.Recorder.Now;
        UpstreamResponse result;
        try
        {
            result = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            context.Gate?.Release();
        }
        context.Recorder.Add(new CallTiming(
            request.Call, request.DependsOn ?? [], start, context.Recorder.Now,
            result.Status is { } s ? (int)s : null, result.Failure ?? "ok"));
        return result;
    }

    private async Task<UpstreamResponse> SendAsync(UpstreamRequest request, CancellationToken cancellationToken)
    {
        HttpClient client;
        SocketsHttpHandler? ownHandler = null;
        if (_shared is null)
        {
            ownHandler = UpstreamHttpClients.CreateHandler(_settings.Http);
            client = UpstreamHttpClients.CreateClient(ownHandler, _settings.Http);
        }
        else
        {
            client = _shared;
        }

        try
        {
            var state = (client, request, _settings.Http.MaxResponseBytes);
            using var response = await _pipelines[request.Upstream].ExecuteAsync(static async (s, token) =>
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, s.request.Url);
                if (s.request.Headers is { } headers)
                {
                    foreach (var (name, value) in headers)
                        message.Headers.TryAddWithoutValidation(name, value);
                }
                var sent = await s.client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                try
                {
                    if (sent.IsSuccessStatusCode)
                    {
                        var body = await BoundedBody.ReadAsync(sent.Content, s.MaxResponseBytes, token).ConfigureAwait(false);
                        sent.Content = new ByteArrayContent(body);
                    }
                    return sent;
                }
                catch
                {
                    sent.Dispose();
                    throw;
                }
            }, state, cancellationToken).ConfigureAwait(false);

            var status = response.StatusCode;
            var body = response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false) : [];
            // Still 202 after the retries: the answer is not there yet, which is a failure of this call, not data.
            var failed = UpstreamPipelineFactory.IsTransient(response) || UpstreamPipelineFactory.IsNotReady(response);
            return new UpstreamResponse
            {
                Status = status,
                Body = failed ? [] : body,
                Failure = failed ? "http_" + ((int)status).ToString(CultureInfo.InvariantCulture) : null,
                ETag = response.Headers.ETag?.ToString(),
                RateLimitRemaining = ReadLong(response, "x-ratelimit-remaining"),
                RateLimitResetEpochSeconds = ReadLong(response, "x-ratelimit-reset"),
            };
        }
        catch (BrokenCircuitException)
        {
            return UpstreamResponse.Failed("circuit_open");
        }
        catch (TimeoutRejectedException)
        {
            return UpstreamResponse.Failed("timeout");
        }
        catch (ResponseTooLargeException)
        {
            return UpstreamResponse.Failed("response_too_large");
        }
        catch (HttpRequestException)
        {
            return UpstreamResponse.Failed("network_error");
        }
        catch (IOException)
        {
            // The connection dropped before the announced body arrived.
            return UpstreamResponse.Failed("body_cut_short");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return UpstreamResponse.Failed("timeout");
        }
        finally
        {
            if (ownHandler is not null)
            {
                client.Dispose();
                ownHandler.Dispose();
            }
        }
    }

    private static long? ReadLong(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) &&
        long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public void Dispose() => _shared?.Dispose();
}
