using System.Text;
using System.Text.Json;

namespace DepHealth.Testing;

/// <summary>A stream that keeps what is written to it (a process's stdout, in tests), readable as JSON lines while writes go on.</summary>
public sealed class CapturedLines : Stream
{
    private readonly MemoryStream _buffer = new();
    private readonly Lock _gate = new();

    public string Text
    {
        get
        {
            lock (_gate)
                return Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        }
    }

    /// <summary>Every complete line parsed as JSON.</summary>
    public IReadOnlyList<JsonElement> Json() =>
        Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    /// <summary>The request log lines (type = request).</summary>
    public IReadOnlyList<JsonElement> Requests() =>
        Json().Where(l => l.TryGetProperty("type", out var t) && t.GetString() == "request").ToList();

    public void Clear()
    {
        lock (_gate)
            _buffer.SetLength(0);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
            _buffer.Write(buffer);
    }

    public override void Flush()
    {
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
