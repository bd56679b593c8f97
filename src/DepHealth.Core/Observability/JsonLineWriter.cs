using System.Buffers;
using System.Text.Json;

namespace DepHealth.Core.Observability;

/// <summary>
/// Writes whole JSON lines to a stream (stdout in Lambda, where CloudWatch Logs takes one event per line).
/// Each line is built in memory and written in one call under a lock, so concurrent requests never interleave.
/// </summary>
public sealed class JsonLineWriter(Stream output)
{
    private readonly Lock _gate = new();

    /// <summary>Standard output, shared by the whole process.</summary>
    public static JsonLineWriter StandardOutput { get; } = new(Console.OpenStandardOutput());

    public void Write(Action<Utf8JsonWriter> writeObject)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            writeObject(w);
            w.WriteEndObject();
        }
        lock (_gate)
        {
            output.Write(buffer.WrittenSpan);
            output.WriteByte((byte)'\n');
            output.Flush();
        }
    }
}
