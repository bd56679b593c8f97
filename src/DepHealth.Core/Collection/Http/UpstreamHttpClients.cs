using System.Net;
using DepHealth.Core.Http;

namespace DepHealth.Core.Collection.Http;

/// <summary>
/// HttpClients for the upstream APIs. By default they wrap the process-wide pooled, decompressing
/// <see cref="SharedHttpHandler.WithDecompression"/>; a dedicated handler with the same pooling is built
/// only for custom settings or for the "new connection per call" baseline.
/// </summary>
public static class UpstreamHttpClients
{
    /// <summary>The handler collectors share: one per process.</summary>
    public static HttpMessageHandler Shared => SharedHttpHandler.WithDecompression;

    /// <summary>A dedicated pooled handler built like the shared one, from <paramref name="settings"/>.</summary>
    public static SocketsHttpHandler CreateHandler(HttpClientSettings settings)
    {
        settings.Validate();
        return new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = settings.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = settings.PooledConnectionIdleTimeout,
            ConnectTimeout = settings.ConnectTimeout,
            MaxConnectionsPerServer = settings.MaxConnectionsPerServer,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Brotli,
            // Never follow a redirect to a host we were not configured to call.
            AllowAutoRedirect = false,
            UseCookies = false,
        };
    }

    /// <summary>A client that prefers HTTP/2 and falls back to HTTP/1.1 (the loopback emulator speaks 1.1).</summary>
    public static HttpClient CreateClient(HttpMessageHandler handler, HttpClientSettings settings, bool disposeHandler = false)
    {
        var client = new HttpClient(handler, disposeHandler)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            // Timeouts belong to the resilience pipeline (TimeProvider-driven); the client never times out by itself.
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = settings.MaxResponseBytes,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
        return client;
    }
}
