using DepHealth.Emulator.Upstream.Universe;

namespace DepHealth.Emulator.Upstream.Hosting;

/// <summary>Per-upstream latency and the new-connection delay, changeable at run time.</summary>
public sealed class LatencyControl
{
    private readonly object _gate = new();
    private readonly LatencyProfile[] _profiles = new LatencyProfile[UpstreamKinds.All.Count];
    private readonly SeededRandom _random;
    private long _newConnectionDelayTicks;

    internal LatencyControl(int seed) => _random = new SeededRandom(seed, "latency");

    /// <summary>Paid once by every new TCP connection before its first request is read (shows whether clients reuse connections).</summary>
    public TimeSpan NewConnectionDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _newConnectionDelayTicks));
        set => Interlocked.Exchange(ref _newConnectionDelayTicks, Math.Max(0, value.Ticks));
    }

    public LatencyProfile this[UpstreamKind kind]
    {
        get { lock (_gate) return _profiles[(int)kind]; }
        set
        {
            if (value.Fixed < TimeSpan.Zero || value.Jitter < TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(value), "latency must not be negative");
            lock (_gate) _profiles[(int)kind] = value;
        }
    }

    public void Set(UpstreamKind kind, TimeSpan fixedLatency, TimeSpan jitter = default) => this[kind] = new LatencyProfile(fixedLatency, jitter);

    /// <summary>Draws this request's delay.</summary>
    internal TimeSpan Next(UpstreamKind kind)
    {
        lock (_gate)
        {
            var p = _profiles[(int)kind];
            return p.Jitter <= TimeSpan.Zero ? p.Fixed : p.Fixed + TimeSpan.FromTicks((long)(_random.NextDouble() * p.Jitter.Ticks));
        }
    }
}
