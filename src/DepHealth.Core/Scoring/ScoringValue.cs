namespace DepHealth.Core.Scoring;

/// <summary>What a numeric attribute held when it reached the scorer.</summary>
public enum ScoringValueKind
{
    /// <summary>The attribute was not there.</summary>
    Absent = 0,
    /// <summary>The attribute was an explicit null.</summary>
    Null,
    /// <summary>A finite number.</summary>
    Number,
    /// <summary>There but unusable: not numeric, NaN or infinite.</summary>
    Invalid,
}

/// <summary>
/// One numeric scoring attribute: its kind, its value when it is a number, and whether it counts as
/// "present" for confidence (the original counts a raw value that is neither None nor equal to 0).
/// </summary>
public readonly record struct ScoringValue(ScoringValueKind Kind, double Number, bool CountsAsPresent)
{
    /// <summary>Not there at all.</summary>
    public static ScoringValue Absent => default;

    /// <summary>An explicit null.</summary>
    public static ScoringValue Null => new(ScoringValueKind.Null, 0, false);

    /// <summary>There but unusable; <paramref name="countsAsPresent"/> follows the raw value (a string is never equal to 0).</summary>
    public static ScoringValue Invalid(bool countsAsPresent) => new(ScoringValueKind.Invalid, 0, countsAsPresent);

    /// <summary>A number; NaN and infinities become <see cref="Invalid"/>.</summary>
    public static ScoringValue Of(double number) =>
        double.IsFinite(number) ? new(ScoringValueKind.Number, number, number != 0) : Invalid(true);

    /// <summary>A typed record field: null is absent (the store drops nulls).</summary>
    public static ScoringValue Of(long? number) => number is { } n ? Of((double)n) : Absent;

    /// <summary>A typed record field: null is absent (the store drops nulls).</summary>
    public static ScoringValue Of(double? number) => number is { } n ? Of(n) : Absent;

    /// <summary>True when the value is a usable number.</summary>
    public bool IsNumber => Kind == ScoringValueKind.Number;

    /// <summary>The number, or <paramref name="fallback"/> when absent, null or unusable.</summary>
    public double Or(double fallback) => IsNumber ? Number : fallback;
}

/// <summary>What a date attribute held: nothing usable, a parsed instant, or text that does not parse.</summary>
public enum ScoringDateKind
{
    /// <summary>Absent, null or falsy (empty string, 0, false).</summary>
    Absent = 0,
    /// <summary>Parsed to an instant.</summary>
    Valid,
    /// <summary>Truthy but not an ISO date: the term keeps its default.</summary>
    Invalid,
}

/// <summary>One date attribute as UTC ticks (microsecond precision, as Python's datetime), plus its confidence presence.</summary>
public readonly record struct ScoringDate(ScoringDateKind Kind, long UtcTicks, bool CountsAsPresent)
{
    /// <summary>Not there.</summary>
    public static ScoringDate Absent => default;

    /// <summary>A known instant.</summary>
    public static ScoringDate Of(DateTimeOffset? instant) =>
        instant is { } d ? new(ScoringDateKind.Valid, Truncate(d.UtcTicks), true) : Absent;

    /// <summary>A date string, parsed like Python's <c>fromisoformat</c>; empty is absent but counts as present.</summary>
    public static ScoringDate Parse(string text)
    {
        if (text.Length == 0) return new(ScoringDateKind.Absent, 0, true);
        return PythonIsoDate.TryParseUtcTicks(text, out long ticks)
            ? new(ScoringDateKind.Valid, ticks, true)
            : new(ScoringDateKind.Invalid, 0, true);
    }

    /// <summary>Whole days from this date to <paramref name="nowTicks"/>, floored like Python's <c>timedelta.days</c>.</summary>
    public long DaysUntil(long nowTicks) => FloorDiv(nowTicks - UtcTicks, TimeSpan.TicksPerDay);

    internal static long Truncate(long ticks) => ticks - ticks % (TimeSpan.TicksPerMillisecond / 1000);

    private static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}
