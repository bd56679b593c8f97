using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DepHealth.Testing;

/// <summary>
/// A real loopback HTTP forwarder in front of DynamoDB (dynalite): adds a fixed delay per request (to stand in for
/// network latency), counts requests by operation (<c>X-Amz-Target</c>), can rewrite response bodies and injects the
/// faults of its <see cref="Faults"/> plan (throttling, 500s, latency, dropped connections, hangs).
/// </summary>
public sealed class LatencyProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _forward;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _total;
    private int _concurrent;
    private int _maxConcurrent;

    /// <summary>Delay added before forwarding each request; may be changed while running.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// Called with each forwarded response; returns a replacement, or null to pass it through. When a body is
    /// replaced its x-amz-crc32 header is dropped.
    /// </summary>
    public Func<ProxyCall, ProxyReply?>? RewriteResponse { get; set; }

    /// <summary>
    /// Called with (operation, 1-based call number) before forwarding; a non-null reply is sent instead and the
    /// request never reaches DynamoDB (a clean failure, unlike <see cref="RewriteResponse"/> after the fact).
    /// </summary>
    public Func<string, int, ProxyReply?>? InterceptRequest { get; set; }

    /// <summary>Faults injected per operation and fraction of requests; none unless a test sets rules.</summary>
    public DynamoFaults Faults { get; } = new();

    /// <summary>Most requests that were in the proxy at the same moment.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public void ResetCounters()
    {
        _counts.Clear();
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _maxConcurrent, 0);
    }

    public string Endpoint { get; }

    public int TotalRequests => Volatile.Read(ref _total);

    public int CountOf(string operation) => _counts.TryGetValue(operation, out var n) ? n : 0;

    private LatencyProxy(WebApplication app, HttpClient forward, string endpoint, TimeSpan latency)
    {
        _app = app;
        _forward = forward;
        Endpoint = endpoint;
        Latency = latency;
    }

    public static async Task<LatencyProxy> StartAsync(string targetEndpoint, TimeSpan latency = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = FreePort.Next();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var forward = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 512,
        })
        { BaseAddress = new Uri(targetEndpoint) };
        var proxy = new LatencyProxy(app, forward, $"http://127.0.0.1:{port}", latency);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var operation = context.Request.Headers["X-Amz-Target"].ToString();
        operation = operation[(operation.LastIndexOf('.') + 1)..];
        var call = _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _total);
        var now = Interlocked.Increment(ref _concurrent);
        for (var max = MaxConcurrent; now > max; max = MaxConcurrent)
            Interlocked.CompareExchange(ref _maxConcurrent, now, max);
        try
        {
            await ForwardAsync(context, operation, call);
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }

    private async Task ForwardAsync(HttpContext context, string operation, int call)
    {

        var (delay, fault) = Faults.Choose(operation);
        delay += Latency;
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay, context.RequestAborted);

        switch (fault)
        {
            case DynamoFault.ProvisionedThroughputExceeded or DynamoFault.Throttling or DynamoFault.InternalServerError:
                await ReplyErrorAsync(context, fault.Value);
                return;
            case DynamoFault.DropConnection:
                context.Abort();
                return;
            case DynamoFault.Hang:
                await HangAsync(context);
                return;
        }

        if (InterceptRequest?.Invoke(operation, call) is { } early)
        {
            context.Response.StatusCode = early.Status;
            context.Response.ContentType = "application/x-amz-json-1.0";
            context.Response.ContentLength = early.Body.Length;
            await context.Response.Body.WriteAsync(early.Body, context.RequestAborted);
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method),
            context.Request.Path + context.Request.QueryString) { Content = new ByteArrayContent(body.ToArray()) };
        foreach (var (name, values) in context.Request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
                request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
        }

        using var response = await _forward.SendAsync(request, context.RequestAborted);
        var responseBody = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (fault == DynamoFault.DropConnectionAfterForward)
        {
            context.Abort();
            return;
        }
        if (fault == DynamoFault.InternalServerErrorAfterForward)
        {
            await ReplyErrorAsync(context, fault.Value);
            return;
        }
        var replaced = RewriteResponse?.Invoke(new ProxyCall(operation, call, (int)response.StatusCode, responseBody));

        context.Response.StatusCode = replaced?.Status ?? (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) ||
                name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) ||
                (replaced is not null && name.Equals("x-amz-crc32", StringComparison.OrdinalIgnoreCase)))
                continue;
            context.Response.Headers[name] = values.ToArray();
        }
        var output = replaced?.Body ?? responseBody;
        context.Response.ContentLength = output.Length;
        await context.Response.Body.WriteAsync(output, context.RequestAborted);
    }

    private static async Task ReplyErrorAsync(HttpContext context, DynamoFault fault)
    {
        var (status, body) = DynamoFaults.ErrorOf(fault);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.0";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("N");
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Holds the request open, answering nothing, until the client aborts or the proxy stops.</summary>
    private async Task HangAsync(HttpContext context)
    {
        Faults.SignalHang();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
        context.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
        _stopping.Dispose();
    }
}

/// <summary>One response passing through <see cref="LatencyProxy"/>: the operation, its 1-based call number, status and body.</summary>
public sealed record ProxyCall(string Operation, int CallNumber, int Status, byte[] Body);

/// <summary>What <see cref="LatencyProxy"/> sends instead of the forwarded response.</summary>
public sealed record ProxyReply(int Status, byte[] Body);
