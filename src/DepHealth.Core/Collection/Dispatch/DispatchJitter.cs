namespace DepHealth.Core.Collection.Dispatch;

/// <summary>
/// Random message delays that spread a dispatch over a window, so a tier's packages do not reach the upstreams at
/// once: whole seconds, uniform over 0..max inclusive (the original's <c>randint(0, max)</c>). The source of
/// uniform numbers in [0, 1) is injectable for tests.
/// </summary>
public sealed class DispatchJitter(Func<double> uniform)
{
    /// <summary>Jitter from the shared thread-safe random generator.</summary>
    public static DispatchJitter Shared { get; } = new(Random.Shared.NextDouble);

    /// <summary>The next delay within 0..<paramref name="max"/>.</summary>
    public TimeSpan Next(TimeSpan max) => DelayFor(max, uniform());

    /// <summary>Maps <paramref name="u"/> in [0, 1) onto whole seconds 0..⌊max⌋, each equally likely.</summary>
    public static TimeSpan DelayFor(TimeSpan max, double u)
    {
        var maxSeconds = (long)Math.Floor(Math.Max(0, max.TotalSeconds));
        var seconds = (long)Math.Floor(Math.Clamp(u, 0, 1) * (maxSeconds + 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, maxSeconds));
    }
}
