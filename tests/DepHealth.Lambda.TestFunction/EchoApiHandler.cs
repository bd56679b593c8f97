using System.Text.Json;
using DepHealth.Core.Api;

namespace DepHealth.Lambda.TestFunction;

/// <summary>Answers with the ApiRequest it received as JSON; <c>/binary</c> answers raw non-UTF-8 bytes.</summary>
internal sealed class EchoApiHandler : IApiHandler
{
    public ValueTask<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Path.EndsWith("/binary", StringComparison.Ordinal))
            return ValueTask.FromResult(new ApiResponse(200,
                new Dictionary<string, string> { ["Content-Type"] = "application/octet-stream" }, new byte[] { 0xFF, 0x00, 0xFE, 0x80 }));
        if (request.Path.EndsWith("/crash", StringComparison.Ordinal))
            throw new InvalidOperationException("echo handler: configured to crash");

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("method", request.Method);
            w.WriteString("path", request.Path);
            Map(w, "pathParameters", request.PathParameters);
            Map(w, "query", request.Query);
            Map(w, "headers", request.Headers);
            w.WriteString("xApiKey", request.Header("x-api-key"));
            w.WriteBase64String("body", request.Body.Span);
            w.WriteString("sourceIp", request.SourceIp);
            w.WriteString("requestId", request.RequestId);
            w.WriteEndObject();
        }
        return ValueTask.FromResult(new ApiResponse(200,
            new Dictionary<string, string> { ["Content-Type"] = ApiResponse.JsonContentType, ["X-Echo"] = "1" }, buffer.ToArray()));
    }

    private static void Map(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> values)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in values)
            w.WriteString(key, value);
        w.WriteEndObject();
    }
}
