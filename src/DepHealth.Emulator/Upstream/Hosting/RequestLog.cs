using System.Collections.Concurrent;

namespace DepHealth.Emulator.Upstream.Hosting;

/// <summary>Every request and every accepted connection, with wall-clock times: overlaps prove a client's parallelism.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestLogEntry> _requests = new();
    private readonly ConcurrentQueue<ConnectionLogEntry> _connections = new();
    private long _nextId;
    private int _inFlight;
    private int _held;

    /// <summary>Finished requests in arrival order (an entry is added when its request ends).</summary>
    public IReadOnlyList<RequestLogEntry> Requests => _requests.OrderBy(r => r.Id).ToArray();

    public IReadOnlyList<ConnectionLogEntry> Connections => _connections.ToArray();

    public IReadOnlyList<RequestLogEntry> For(UpstreamKind upstream) => Requests.Where(r => r.Upstream == upstream).ToArray();

    /// <summary>Requests being handled now (arrived, not yet answered or dropped).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Of <see cref="InFlight"/>, those a Timeout or SlowBody fault is holding: only the client's own timeout ends them.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Requests that have arrived so far (finished or not); grows by one per arrival.</summary>
    public long Arrivals => Interlocked.Read(ref _nextId);

    public void Clear()
    {
        _requests.Clear();
        _connections.Clear();
    }

    internal long NextId() => Interlocked.Increment(ref _nextId);

    internal void Started() => Interlocked.Increment(ref _inFlight);

    internal void Finished() => Interlocked.Decrement(ref _inFlight);

    internal void Holding(int delta) => Interlocked.Add(ref _held, delta);

    internal void Add(RequestLogEntry entry) => _requests.Enqueue(entry);

    internal void Add(ConnectionLogEntry entry) => _connections.Enqueue(entry);
}

/// <summary>
/// One finished (or abandoned) request. <see cref="Status"/> is 0 when the connection was dropped instead of answered.
/// <see cref="Start"/> and <see cref="End"/> are wall-clock times for ordering and overlap; <see cref="Duration"/> is
/// measured on the monotonic clock.
/// </summary>
public sealed record RequestLogEntry(
    long Id, UpstreamKind Upstream, string Method, string Path, string? Subject, int Status, string? Fault,
    string ConnectionId, DateTimeOffset Start, DateTimeOffset End, TimeSpan AddedLatency, TimeSpan Duration)
{

    /// <summary>Did the two requests run at the same time?</summary>
    public bool Overlaps(RequestLogEntry other) => Start < other.End && other.Start < End;
}

/// <summary>A TCP connection the server accepted and the delay it paid before its first request was read.</summary>
public sealed record ConnectionLogEntry(string ConnectionId, DateTimeOffset AcceptedAt, TimeSpan Delay);
