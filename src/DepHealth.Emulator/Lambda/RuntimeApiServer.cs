using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DepHealth.Emulator.Lambda;

/// <summary>
/// The Lambda Runtime API (2018-06-01) on a loopback port: hands queued invocations to <c>next</c>, collects
/// responses and errors, records init errors, and journals every call in arrival order.
/// </summary>
internal sealed class RuntimeApiServer : IAsyncDisposable
{
    /// <summary>Lambda's limit on a synchronous response payload.</summary>
    public const int MaxResponseBytes = 6 * 1024 * 1024;

    private const string Prefix = "/2018-06-01/runtime";

    private readonly WebApplication _app;
    private readonly LambdaEmulatorOptions _options;
    private readonly Channel<PendingInvocation> _queue = Channel.CreateUnbounded<PendingInvocation>();
    private readonly ConcurrentDictionary<string, PendingInvocation> _pending = new(StringComparer.Ordinal);
    private readonly List<RuntimeApiCall> _journal = [];
    private readonly TaskCompletionSource<long> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;
    private int _nextCalls;
    private TaskCompletionSource _nextArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RuntimeApiServer(WebApplication app, LambdaEmulatorOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary>host:port, the value of AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address { get; private set; } = "";

    /// <summary>Stopwatch timestamp the journal's times count from (the process start, once there is one).</summary>
    public long Origin { get; set; } = Stopwatch.GetTimestamp();

    /// <summary>Completes with the Stopwatch timestamp of the first <c>next</c>: the end of init.</summary>
    public Task<long> FirstNext => _firstNext.Task;

    public LambdaInitFailure? InitFailure { get; private set; }

    public IReadOnlyList<RuntimeApiCall> Journal
    {
        get { lock (_journal) return [.. _journal]; }
    }

    public static async Task<RuntimeApiServer> StartAsync(LambdaEmulatorOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null; // the 6 MB limit is answered as Lambda does, with a 413 body
        });
        var app = builder.Build();
        var server = new RuntimeApiServer(app, options);
        server.MapRoutes();
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        server.Address = new Uri(address).Authority;
        return server;
    }

    /// <summary>How many times the runtime has called <c>next</c>.</summary>
    public int NextCalls => Volatile.Read(ref _nextCalls);

    /// <summary>Waits until the runtime has called <c>next</c> at least <paramref name="count"/> times.</summary>
    public async Task<bool> WaitForNextCallsAsync(int count, TimeSpan timeout)
    {
        var limit = Task.Delay(timeout);
        while (true)
        {
            var arrived = Volatile.Read(ref _nextArrived).Task;
            if (NextCalls >= count)
                return true;
            if (await Task.WhenAny(arrived, limit).ConfigureAwait(false) == limit)
                return NextCalls >= count;
        }
    }

    public void Enqueue(PendingInvocation invocation)
    {
        _pending[invocation.RequestId] = invocation;
        if (InitFailure is { } failure)
        {
            invocation.TryComplete(LambdaInvocationStatus.InitError, failure.Body, failure.ErrorType);
            return;
        }
        _queue.Writer.TryWrite(invocation);
    }

    /// <summary>Ends every invocation still waiting (the process exited or the emulator stops).</summary>
    public void CompleteAll(LambdaInvocationStatus status, byte[] body, string? errorType)
    {
        foreach (var invocation in _pending.Values)
            invocation.TryComplete(status, body, errorType);
    }

    private void MapRoutes()
    {
        _app.MapGet(Prefix + "/invocation/next", (RequestDelegate)NextAsync);
        _app.MapPost(Prefix + "/invocation/{id}/response", (RequestDelegate)(ctx => CompleteAsync(ctx, LambdaInvocationStatus.Success)));
        _app.MapPost(Prefix + "/invocation/{id}/error", (RequestDelegate)(ctx => CompleteAsync(ctx, LambdaInvocationStatus.Error)));
        _app.MapPost(Prefix + "/init/error", (RequestDelegate)InitErrorAsync);
        // Not part of the Runtime API: lets a function under test put a marker into the journal.
        _app.MapPost("/emulator/mark", (RequestDelegate)MarkAsync);
    }

    private async Task NextAsync(HttpContext ctx)
    {
        Record(RuntimeApiCall.Next, null);
        _firstNext.TrySetResult(Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _nextCalls);
        Interlocked.Exchange(ref _nextArrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        PendingInvocation invocation;
        do
        {
            invocation = await _queue.Reader.ReadAsync(ctx.RequestAborted).ConfigureAwait(false);
        }
        while (invocation.Completion.Task.IsCompleted); // abandoned by a caller that timed out

        var headers = ctx.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = _options.FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = invocation.Payload.Length;
        await ctx.Response.Body.WriteAsync(invocation.Payload, ctx.RequestAborted).ConfigureAwait(false);
    }

    private async Task CompleteAsync(HttpContext ctx, LambdaInvocationStatus status)
    {
        var id = (string)ctx.Request.RouteValues["id"]!;
        Record(status == LambdaInvocationStatus.Success ? RuntimeApiCall.Response : RuntimeApiCall.Error, id);
        var body = await ReadBodyAsync(ctx).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(ctx, 413, """{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}""");
            return;
        }
        if (!_pending.TryRemove(id, out var invocation))
        {
            await WriteAsync(ctx, 400, """{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}""");
            return;
        }
        invocation.TryComplete(status, body, status == LambdaInvocationStatus.Error ? ErrorType(ctx) : null);
        await WriteAsync(ctx, 202, """{"status":"OK"}""");
    }

    private async Task InitErrorAsync(HttpContext ctx)
    {
        Record(RuntimeApiCall.InitError, null);
        var body = await ReadBodyAsync(ctx).ConfigureAwait(false) ?? [];
        var failure = new LambdaInitFailure(ErrorType(ctx), body);
        InitFailure = failure;
        CompleteAll(LambdaInvocationStatus.InitError, failure.Body, failure.ErrorType);
        await WriteAsync(ctx, 202, """{"status":"OK"}""");
    }

    private async Task MarkAsync(HttpContext ctx)
    {
        var body = await ReadBodyAsync(ctx).ConfigureAwait(false) ?? [];
        Record(RuntimeApiCall.MarkPrefix + Encoding.UTF8.GetString(body), null);
        ctx.Response.StatusCode = 204;
    }

    private static string? ErrorType(HttpContext ctx) =>
        ctx.Request.Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var v) ? v.ToString() : null;

    private static async Task<byte[]?> ReadBodyAsync(HttpContext ctx)
    {
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted).ConfigureAwait(false);
        return buffer.Length > MaxResponseBytes ? null : buffer.ToArray();
    }

    private static Task WriteAsync(HttpContext ctx, int status, string json)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(json);
    }

    private void Record(string kind, string? requestId)
    {
        lock (_journal)
            _journal.Add(new RuntimeApiCall(++_sequence, kind, requestId, Stopwatch.GetElapsedTime(Origin)));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
