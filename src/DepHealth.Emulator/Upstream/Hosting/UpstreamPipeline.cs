using System.Security.Cryptography;
using DepHealth.Emulator.Upstream.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DepHealth.Emulator.Upstream.Hosting;

/// <summary>
/// What every emulated request goes through: latency, faults, GitHub's rate limit, the upstream's answer, ETag / 304,
/// body faults, and the log entry.
/// </summary>
internal sealed class UpstreamPipeline(
    IReadOnlyDictionary<UpstreamKind, IUpstreamApi> apis, Func<UpstreamBaseUrls> urls, LatencyControl latency,
    FaultInjector faults, GitHubRateLimiter rateLimit, RequestLog log)
{
    private static readonly TimeProvider Wall = TimeProvider.System;

    public async Task HandleAsync(HttpContext context, UpstreamKind kind)
    {
        log.Started();
        var id = log.NextId(); // ids follow arrival order; the log lists entries by id
        var start = Wall.GetUtcNow();
        var started = Wall.GetTimestamp(); // the duration comes from the monotonic clock: the wall clock may be slewed
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var api = apis[kind];
        var request = new UpstreamRequest
        {
            Kind = kind,
            Segments = UpstreamRequest.SplitRawTarget(rawTarget, "/" + kind.Token()),
            Method = context.Request.Method,
            Query = context.Request.Query,
            Headers = context.Request.Headers,
            Urls = urls(),
        };
        var path = "/" + string.Join('/', request.Segments);
        string? subject = null;
        int status = 0;
        FaultRule? fault = null;
        var delay = TimeSpan.Zero;
        var held = false;
        try
        {
            subject = api.SubjectOf(request);
            delay = latency.Next(kind);
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, context.RequestAborted);

            fault = faults.Decide(kind, subject, path);
            if (fault?.Kind is FaultKind.Timeout or FaultKind.SlowBody)
            {
                held = true;
                log.Holding(1);
            }
            switch (fault?.Kind)
            {
                case FaultKind.Reset:
                    context.Abort();
                    return;
                case FaultKind.Timeout:
                    try { await Task.Delay(fault.HangFor, context.RequestAborted); } catch (OperationCanceledException) { }
                    context.Abort();
                    return;
                case FaultKind.Status:
                    status = fault.StatusCode;
                    await WriteAsync(context, FaultResponse(kind, fault), fault: null);
                    return;
            }

            var response = Respond(kind, api, request, context);
            status = response.Status;
            await WriteAsync(context, response, fault);
            if (fault?.Kind == FaultKind.TruncatedBody)
                status = 0;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            status = 0; // the client gave up
        }
        finally
        {
            // Logged before it stops counting as in flight: once InFlight drops, its entry is in the log.
            log.Add(new RequestLogEntry(id, kind, context.Request.Method, rawTarget, subject, status, fault?.Kind.ToString(),
                context.Connection.Id, start, Wall.GetUtcNow(), delay, Wall.GetElapsedTime(started)));
            if (held)
                log.Holding(-1);
            log.Finished();
        }
    }

    private UpstreamResponse Respond(UpstreamKind kind, IUpstreamApi api, UpstreamRequest request, HttpContext context)
    {
        if (kind != UpstreamKind.GitHub)
            return Conditional(api.Handle(request), context);

        var isRateLimitQuery = request.Segments is ["rate_limit"];
        var auth = context.Request.Headers.Authorization.ToString();
        var authKey = auth.Length == 0 ? null : auth;
        var (allowed, state) = rateLimit.TryConsume(authKey, free: isRateLimitQuery);
        if (!allowed)
        {
            var retryAfter = Math.Max(1, (long)Math.Ceiling((state.ResetAt - rateLimit.ClockNow()).TotalSeconds));
            var denied = UpstreamResponse.Json(rateLimit.ExhaustedStatus, w =>
            {
                w.WriteStartObject();
                w.WriteString("message", "API rate limit exceeded. (But here's the good news: Authenticated requests get a higher rate limit.)");
                w.WriteString("documentation_url", "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting");
                w.WriteEndObject();
            }).WithHeader("retry-after", retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return AddRateHeaders(denied, state);
        }
        var response = Conditional(api.Handle(request), context);
        if (response.Status == StatusCodes.Status304NotModified && authKey is not null)
            state = rateLimit.Refund(authKey);
        return AddRateHeaders(response, state);
    }

    private static UpstreamResponse AddRateHeaders(UpstreamResponse response, RateLimitState state)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return response
            .WithHeader("x-ratelimit-limit", state.Limit.ToString(inv))
            .WithHeader("x-ratelimit-remaining", state.Remaining.ToString(inv))
            .WithHeader("x-ratelimit-reset", state.ResetEpochSeconds.ToString(inv))
            .WithHeader("x-ratelimit-used", state.Used.ToString(inv))
            .WithHeader("x-ratelimit-resource", "core");
    }

    /// <summary>Adds a strong ETag to every 200 and answers 304 (no body) when If-None-Match names it.</summary>
    private static UpstreamResponse Conditional(UpstreamResponse response, HttpContext context)
    {
        if (response.Status != StatusCodes.Status200OK)
            return response;
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(response.Body).AsSpan(0, 16)) + "\"";
        response.WithHeader("ETag", etag);
        foreach (var candidate in context.Request.Headers.IfNoneMatch.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
            if (tag == etag || tag == "*")
            {
                var notModified = UpstreamResponse.Empty(StatusCodes.Status304NotModified);
                notModified.WithHeader("ETag", etag);
                return notModified;
            }
        }
        return response;
    }

    private static UpstreamResponse FaultResponse(UpstreamKind kind, FaultRule fault)
    {
        var code = fault.StatusCode;
        UpstreamResponse response;
        if (code == StatusCodes.Status202Accepted)
            response = UpstreamResponse.Json(202, w => { w.WriteStartObject(); w.WriteEndObject(); });
        else if (kind == UpstreamKind.Bundlephobia && code == 429)
            response = UpstreamResponse.Text(429, "429: Too Many Requests.");
        else
            response = UpstreamResponse.Json(code, w =>
            {
                w.WriteStartObject();
                if (kind == UpstreamKind.GitHub)
                    w.WriteString("message", code == 404 ? "Not Found" : "Server Error");
                else
                    w.WriteString("error", code == 404 ? "Not found" : $"emulated fault: HTTP {code}");
                w.WriteEndObject();
            });
        if (fault.RetryAfterSeconds is { } s)
            response.WithHeader("Retry-After", s.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }

    private static async Task WriteAsync(HttpContext context, UpstreamResponse response, FaultRule? fault)
    {
        var body = response.Body;
        if (fault?.Kind == FaultKind.MalformedJson && body.Length > 0)
            body = [.. body.AsSpan(0, body.Length / 2), .. "\u0000{\"unterminated\": [tru"u8];
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
            context.Response.Headers.Append(name, value);
        if (response.Status == StatusCodes.Status304NotModified || body.Length == 0 && response.Status is 204)
            return;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = body.Length;

        switch (fault?.Kind)
        {
            case FaultKind.TruncatedBody:
                await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
                return;
            case FaultKind.SlowBody:
                for (var offset = 0; offset < body.Length; offset += fault.ChunkBytes)
                {
                    if (offset > 0)
                        await Task.Delay(fault.ChunkInterval, context.RequestAborted);
                    await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(fault.ChunkBytes, body.Length - offset)), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
                return;
            default:
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
                return;
        }
    }
}
