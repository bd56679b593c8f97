using System.Buffers;
using System.Text.Json;

namespace DepHealth.Core.Api;

/// <summary>Builds <c>{"error":{"code","message",…}}</c> responses; never carries exception text or stack traces.</summary>
public static class ApiError
{
    /// <summary>An error response with optional extra members inside <c>error</c> (written by <paramref name="extra"/>).</summary>
    public static ApiResponse Create(int status, string code, string message, ResponseHeaders? headers = null,
        Action<Utf8JsonWriter>? extra = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            extra?.Invoke(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        headers ??= new ResponseHeaders();
        headers.Set("Content-Type", ApiResponse.JsonContentType);
        headers.Set("Cache-Control", "no-store");
        return new ApiResponse(status, headers, buffer.WrittenMemory.ToArray());
    }

    public static ApiResponse BadRequest(string code, string message, ResponseHeaders? headers = null,
        Action<Utf8JsonWriter>? extra = null) => Create(400, code, message, headers, extra);
}
