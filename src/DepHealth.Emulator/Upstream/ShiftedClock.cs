namespace DepHealth.Emulator.Upstream;

/// <summary>A clock that reads <c>start</c> at creation and then advances with real time (the command line's <c>--now</c>).</summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _origin = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_origin);
}
