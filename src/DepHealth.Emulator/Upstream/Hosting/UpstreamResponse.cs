using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DepHealth.Emulator.Upstream.Hosting;

/// <summary>What an emulated upstream answers before the pipeline adds ETags, rate-limit headers and faults.</summary>
public sealed class UpstreamResponse
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public required int Status { get; init; }
    public string ContentType { get; init; } = "application/json; charset=utf-8";
    public byte[] Body { get; init; } = [];
    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public static UpstreamResponse Json(int status, Action<Utf8JsonWriter> write, string? contentType = null) =>
        new() { Status = status, Body = WriteJson(write), ContentType = contentType ?? "application/json; charset=utf-8" };

    public static UpstreamResponse Json(Action<Utf8JsonWriter> write) => Json(200, write);

    public static UpstreamResponse Text(int status, string text) =>
        new() { Status = status, Body = Encoding.UTF8.GetBytes(text), ContentType = "text/plain; charset=utf-8" };

    public static UpstreamResponse Empty(int status) => new() { Status = status };

    public UpstreamResponse WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }

    /// <summary>Compact, deterministic UTF-8 JSON (relaxed escaping keeps <c>+</c>, <c>&lt;</c> and non-ASCII readable, as the real APIs do).</summary>
    public static byte[] WriteJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
