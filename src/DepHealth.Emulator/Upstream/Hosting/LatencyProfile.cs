namespace DepHealth.Emulator.Upstream.Hosting;

/// <summary>Added response time: <see cref="Fixed"/> plus a uniform draw in [0, <see cref="Jitter"/>].</summary>
public readonly record struct LatencyProfile(TimeSpan Fixed, TimeSpan Jitter)
{
    public static readonly LatencyProfile None = default;

    public static LatencyProfile Milliseconds(double fixedMs, double jitterMs = 0) =>
        new(TimeSpan.FromMilliseconds(fixedMs), TimeSpan.FromMilliseconds(jitterMs));
}
