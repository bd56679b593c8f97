using DepHealth.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DepHealth.Server;

/// <summary>Translates a Kestrel request into an <see cref="ApiRequest"/> and an <see cref="ApiResponse"/> back; nothing else.</summary>
public sealed class KestrelAdapter(ApiApplication api)
{
    private readonly CoalescedAfterResponseWork _afterResponse = new(api.AfterResponse);

    public async Task HandleAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        var response = await api.Handler.HandleAsync(request, context.RequestAborted);
        // The usage flush runs in the background once the response has gone out: awaited in OnCompleted, it would
        // hold this connection's next request for a DynamoDB round trip (Kestrel awaits OnCompleted first).
        context.Response.OnCompleted(static state =>
        {
            ((CoalescedAfterResponseWork)state).Schedule();
            return Task.CompletedTask;
        }, _afterResponse);
        await WriteAsync(context, response);
    }

    /// <summary>Waits for the background usage flushes asked for so far (at shutdown, so no increment stays in memory).</summary>
    public Task DrainAsync() => _afterResponse.DrainAsync();

    private async Task<ApiRequest> ReadAsync(HttpContext context)
    {
        var http = context.Request;
        var headers = new Dictionary<string, string>(http.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in http.Headers)
            headers[name] = values.ToString();
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in http.Query)
            query[name] = values.ToString();

        return new ApiRequest
        {
            Method = http.Method,
            Path = RawPath(context),
            Headers = headers,
            Query = query,
            Body = await ReadBodyAsync(http, api.Options.MaxBodyBytes, context.RequestAborted),
            SourceIp = context.Connection.RemoteIpAddress?.ToString(),
            RequestId = context.TraceIdentifier,
        };
    }

    /// <summary>The path as sent (still percent-encoded), so that <c>%2F</c> inside a scoped name survives to the router.</summary>
    private static string RawPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
            return context.Request.Path.Value ?? "/";
        var q = raw.IndexOf('?');
        return q < 0 ? raw : raw[..q];
    }

    /// <summary>Reads at most <paramref name="max"/> + 1 bytes: enough for the handler to see that a body is too large.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest http, int max, CancellationToken ct)
    {
        if (http.ContentLength is 0 || (http.ContentLength is null && !http.Headers.ContainsKey("Transfer-Encoding")))
            return ReadOnlyMemory<byte>.Empty;
        if (http.ContentLength > max)
            return ReadOnlyMemory<byte>.Empty; // the handler answers 413 from Content-Length
        var buffer = new byte[Math.Min(max + 1, (int)(http.ContentLength ?? 64 * 1024))];
        var length = 0;
        while (length <= max)
        {
            if (length == buffer.Length)
                Array.Resize(ref buffer, Math.Min(max + 1, buffer.Length * 2));
            var read = await http.Body.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0)
                break;
            length += read;
            if (length == http.ContentLength)
                break;
        }
        return buffer.AsMemory(0, length);
    }

    private static async Task WriteAsync(HttpContext context, ApiResponse response)
    {
        var http = context.Response;
        http.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
            http.Headers[name] = value;
        if (!response.Body.IsEmpty && response.StatusCode != 304)
        {
            http.ContentLength = response.Body.Length;
            await http.Body.WriteAsync(response.Body, context.RequestAborted);
        }
    }
}
