using System.Buffers;
using System.Text.Json;

namespace DepHealth.Core.Observability;

/// <summary>Writes the members of one JSON object; the state comes in as an argument so callers need no closure.</summary>
public delegate void JsonObjectWriter<TState>(Utf8JsonWriter writer, in TState state);

/// <summary>
/// Writes whole JSON lines to a stream (stdout in Lambda, where CloudWatch Logs takes one event per line; the
/// server's console). Each line is built in a per-thread buffer and written in one call under a lock, so concurrent
/// requests never interleave and a warm request allocates nothing for its line.
/// </summary>
public sealed class JsonLineWriter(Stream output)
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    private readonly Lock _gate = new();

    /// <summary>Standard output, shared by the whole process.</summary>
    public static JsonLineWriter StandardOutput { get; } = new(Console.OpenStandardOutput());

    public void Write(Action<Utf8JsonWriter> writeObject) =>
        Write(writeObject, static (Utf8JsonWriter w, in Action<Utf8JsonWriter> write) => write(w));

    public void Write<TState>(in TState state, JsonObjectWriter<TState> writeObject)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var w = t_writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        w.Reset(buffer);
        w.WriteStartObject();
        writeObject(w, state);
        w.WriteEndObject();
        w.Flush();
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        lock (_gate)
        {
            output.Write(buffer.WrittenSpan);
            output.Flush();
        }
        // A rare huge line must not pin its buffer to the thread forever.
        if (buffer.Capacity > 64 * 1024)
        {
            t_buffer = null;
            t_writer = null;
        }
    }
}
