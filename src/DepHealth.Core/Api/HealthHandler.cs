using System.Buffers;
using System.Text.Json;

namespace DepHealth.Core.Api;

/// <summary>GET /v1/health: liveness only, no store call, never cached.</summary>
public sealed class HealthHandler(ApiOptions options, TimeProvider time)
{
    public ApiResponse Handle()
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("status", "healthy");
            w.WriteString("version", options.Version);
            w.WriteString("timestamp", time.GetUtcNow());
            w.WriteEndObject();
        }
        var headers = new ResponseHeaders()
            .Set("Content-Type", ApiResponse.JsonContentType)
            .Set("Cache-Control", "no-cache");
        return new ApiResponse(200, headers, buffer.WrittenMemory.ToArray());
    }
}
