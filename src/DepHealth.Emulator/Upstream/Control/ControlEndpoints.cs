using System.Text.Json;
using DepHealth.Emulator.Upstream.Faults;
using DepHealth.Emulator.Upstream.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DepHealth.Emulator.Upstream.Control;

/// <summary>
/// <c>/_control</c>: change faults, latency and rate limits of a running emulator, read its log, reset it.
/// The same operations as the .NET API, for processes that cannot hold an <see cref="UpstreamEmulator"/>.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, UpstreamEmulator emulator)
    {
        var control = app.MapGroup("/_control");
        control.MapGet("/urls", () => Json(200, w => ControlJson.WriteUrls(w, emulator.BaseUrls)));
        control.MapGet("/log", () => Json(200, w => ControlJson.WriteLog(w, emulator.Log)));
        control.MapDelete("/log", () => { emulator.Log.Clear(); return Results.NoContent(); });
        control.MapPost("/reset", () => { emulator.Reset(); return Results.NoContent(); });
        control.MapGet("/faults", () => Json(200, w => ControlJson.WriteFaults(w, emulator.Faults.Rules)));
        control.MapDelete("/faults", () => { emulator.Faults.Clear(); return Results.NoContent(); });
        control.MapDelete("/faults/{id:int}", (int id) => emulator.Faults.Remove(id) ? Results.NoContent() : Error(404, "not_found", $"no fault rule {id}"));
        control.MapPost("/faults", async (HttpRequest request) => await WithBody(request, body =>
        {
            var rule = ControlJson.ReadFaultRule(body);
            var id = emulator.Faults.Add(rule);
            return Json(201, w => { w.WriteStartObject(); w.WriteNumber("id", id); w.WriteEndObject(); });
        }));
        control.MapPost("/latency", async (HttpRequest request) => await WithBody(request, body =>
        {
            ControlJson.ApplyLatency(body, emulator.Latency);
            return Results.NoContent();
        }));
        control.MapPost("/ratelimit", async (HttpRequest request) => await WithBody(request, body =>
        {
            ControlJson.ApplyRateLimit(body, emulator.GitHubRateLimit);
            return Results.NoContent();
        }));
    }

    private static async Task<IResult> WithBody(HttpRequest request, Func<JsonElement, IResult> apply)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return Error(400, "invalid_body", "body must be a JSON object");
            return apply(doc.RootElement);
        }
        catch (JsonException e)
        {
            return Error(400, "invalid_json", e.Message);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return Error(400, "invalid_value", e.Message);
        }
    }

    private static IResult Json(int status, Action<Utf8JsonWriter> write) => new JsonBytes(status, UpstreamResponse.WriteJson(write));

    private sealed class JsonBytes(int status, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body).AsTask();
        }
    }

    private static IResult Error(int status, string code, string message) => Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
