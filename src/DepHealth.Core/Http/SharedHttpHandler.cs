using System.Net;

namespace DepHealth.Core.Http;

/// <summary>
/// The process-wide pooled <see cref="SocketsHttpHandler"/>s: every HttpClient of the process wraps one of these
/// (with <c>disposeHandler: false</c>) so connections are pooled and reused across clients and invocations.
/// </summary>
public static class SharedHttpHandler
{
    private static readonly Lazy<SocketsHttpHandler> Plain = new(() => Create(DecompressionMethods.None));
    private static readonly Lazy<SocketsHttpHandler> Decompressing = new(() => Create(DecompressionMethods.All));

    /// <summary>
    /// No automatic decompression: the AWS SDK checks DynamoDB's <c>x-amz-crc32</c> over the bytes as sent,
    /// which transparent gzip would break.
    /// </summary>
    public static SocketsHttpHandler Instance => Plain.Value;

    /// <summary>Same pooling, with gzip/deflate/brotli decompression: for upstream HTTP APIs.</summary>
    public static SocketsHttpHandler WithDecompression => Decompressing.Value;

    /// <summary>A client over a shared handler; disposing it leaves the pool alone.</summary>
    public static HttpClient CreateClient(bool decompress = false) =>
        new(decompress ? WithDecompression : Instance, disposeHandler: false);

    private static SocketsHttpHandler Create(DecompressionMethods decompression) => new()
    {
        // Bounded lifetime so DNS changes are picked up; idle connections closed before servers drop them.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        EnableMultipleHttp2Connections = true,
        MaxConnectionsPerServer = 256,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AutomaticDecompression = decompression,
        UseCookies = false,
        AllowAutoRedirect = false,
    };
}
