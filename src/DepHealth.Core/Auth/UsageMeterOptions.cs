namespace DepHealth.Core.Auth;

/// <summary>Tuning of <see cref="UsageMeter"/>: when it may admit from memory, and how much it reserves to do so.</summary>
public sealed record UsageMeterOptions
{
    /// <summary>Near the limit (fewer than margin units left, see <see cref="SafetyMarginFor"/>) every admission is a synchronous conditional update.</summary>
    public long MinSafetyMargin { get; init; } = 50;
    public double SafetyMarginFraction { get; init; } = 0.02;

    /// <summary>Units a process reserves at once to admit from memory: <c>clamp(ceil(limit·LeaseFraction), 1, MaxLeaseUnits)</c>.</summary>
    public double LeaseFraction { get; init; } = 0.005;
    public long MaxLeaseUnits { get; init; } = 1_000;

    /// <summary>Reservations are valid within one slot of this length; a new slot reclaims those of dead processes.</summary>
    public TimeSpan LeaseSlot { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A process stops admitting from its reservation this long before the slot ends. It must exceed the longest
    /// time from admission to <see cref="UsageMeter.FlushAsync"/> (request duration + flush) plus clock skew.
    /// </summary>
    public TimeSpan LeaseGuard { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>False: no reservations, every admission is a synchronous conditional update.</summary>
    public bool UseLeases { get; init; } = true;

    public long SafetyMarginFor(long limit) => Math.Max(MinSafetyMargin, (long)Math.Ceiling(limit * SafetyMarginFraction));

    public long LeaseUnitsFor(long limit) => Math.Clamp((long)Math.Ceiling(limit * LeaseFraction), 1, MaxLeaseUnits);

    public void Validate()
    {
        if (MinSafetyMargin < 0 || SafetyMarginFraction is < 0 or > 0.5)
            throw new ArgumentOutOfRangeException(nameof(SafetyMarginFraction), "margin must be >= 0 and at most half the limit");
        if (LeaseFraction is <= 0 or > 0.5 || MaxLeaseUnits < 1)
            throw new ArgumentOutOfRangeException(nameof(LeaseFraction), "lease must be a positive fraction (<= 0.5) with MaxLeaseUnits >= 1");
        if (LeaseSlot < TimeSpan.FromSeconds(1) || LeaseSlot > TimeSpan.FromHours(1) || LeaseSlot.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentOutOfRangeException(nameof(LeaseSlot), "must be whole seconds between 1 s and 1 h");
        if (LeaseGuard < TimeSpan.Zero || LeaseGuard >= LeaseSlot)
            throw new ArgumentOutOfRangeException(nameof(LeaseGuard), "must be non-negative and shorter than LeaseSlot");
    }
}
