using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DepHealth.Collection.Tests;

/// <summary>A canned answer: status, body, headers and a real delay before answering.</summary>
public sealed record CannedResponse(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);

/// <summary>One request the loopback server received, with real start/end times (ms since the server started).</summary>
public sealed record ReceivedRequest(string PathAndQuery, IReadOnlyDictionary<string, string> Headers, double StartMs, double EndMs);

/// <summary>A real HTTP server on loopback (Kestrel, HTTP/1.1) answering from a route table and logging every request.</summary>
public sealed class LoopbackUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    // Newest first: a later Map overrides earlier ones for the targets it matches.
    private readonly List<(Func<string, bool> Matches, Func<HttpRequest, CannedResponse> Respond)> _routes = [];
    private readonly ConcurrentQueue<ReceivedRequest> _log = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private LoopbackUpstream(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;
    public IReadOnlyList<ReceivedRequest> Requests => [.. _log];

    public static async Task<LoopbackUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackUpstream(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First() + "/");
        return server;
    }

    /// <summary>Answers GETs of <paramref name="pathAndQuery"/> (exact, as sent on the wire).</summary>
    public void Map(string pathAndQuery, CannedResponse response) => Map(pathAndQuery, _ => response);

    public void Map(string pathAndQuery, Func<HttpRequest, CannedResponse> respond) =>
        Map(target => string.Equals(target, pathAndQuery, StringComparison.Ordinal), respond);

    /// <summary>Answers any GET whose raw target satisfies <paramref name="matches"/>.</summary>
    public void Map(Func<string, bool> matches, Func<HttpRequest, CannedResponse> respond)
    {
        lock (_routes)
            _routes.Insert(0, (matches, respond));
    }

    public void MapFile(string pathAndQuery, string file) => Map(pathAndQuery, new CannedResponse(200, File.ReadAllText(file)));

    private async Task HandleAsync(HttpContext context)
    {
        var start = _clock.Elapsed.TotalMilliseconds;
        var key = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        // Kestrel decodes %2F into the path; the raw target keeps what the client sent.
        var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? key;
        Func<HttpRequest, CannedResponse>? respond;
        lock (_routes)
            respond = _routes.FirstOrDefault(r => r.Matches(raw)).Respond;
        var canned = respond?.Invoke(context.Request) ?? new CannedResponse(404, "{\"error\":\"Not found\"}");
        if (canned.Delay > TimeSpan.Zero)
            await Task.Delay(canned.Delay);
        context.Response.StatusCode = canned.Status;
        context.Response.ContentType = "application/json";
        if (canned.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
                context.Response.Headers[name] = value;
        }
        if (canned.Body.Length > 0 && canned.Status != 304)
            await context.Response.WriteAsync(canned.Body);
        _log.Enqueue(new ReceivedRequest(raw,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            start, _clock.Elapsed.TotalMilliseconds));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
