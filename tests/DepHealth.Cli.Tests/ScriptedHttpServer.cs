using System.Net;
using System.Text;
using DepHealth.Testing;

namespace DepHealth.Cli.Tests;

/// <summary>
/// A loopback HTTP server answering from a script, one response per request, recording what it received: for the
/// client behaviours the real server will not produce on demand (503s, Retry-After).
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    public sealed record Reply(int Status, string Body, Dictionary<string, string>? Headers = null);
    public sealed record Received(string Method, string Path, string? ApiKey);

    private readonly HttpListener _listener = new();
    private readonly Queue<Reply> _script;
    private readonly Task _loop;
    public List<Received> Requests { get; } = [];
    public string Url { get; }

    public ScriptedHttpServer(params Reply[] script)
    {
        _script = new Queue<Reply>(script);
        Url = $"http://127.0.0.1:{FreePort.Next()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            lock (Requests)
                Requests.Add(new Received(context.Request.HttpMethod, context.Request.RawUrl ?? "", context.Request.Headers["X-API-Key"]));
            var reply = _script.Count > 0 ? _script.Dequeue() : new Reply(500, """{"error":{"code":"script_exhausted","message":"no more replies"}}""");
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            foreach (var (k, v) in reply.Headers ?? [])
                context.Response.Headers[k] = v;
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
