using DepHealth.Core.Collection.Queue;

namespace DepHealth.Core.Collection.Dispatch;

/// <summary>Refresh tiers by popularity (reference §4.1): 1 daily, 2 every three days, 3 weekly; new packages start at 3.</summary>
public static class RefreshTiers
{
    public const int Daily = 1;
    public const int ThreeDay = 2;
    public const int Weekly = 3;

    /// <summary>The tier of a missing or unknown value, as the original's refresh dispatcher and collector default.</summary>
    public const int Default = Weekly;

    public static readonly IReadOnlyList<int> All = [Daily, ThreeDay, Weekly];

    public static bool IsValid(int tier) => tier is >= Daily and <= Weekly;

    /// <summary><paramref name="tier"/> when valid, else <see cref="Default"/>.</summary>
    public static int Normalize(int? tier) => tier is { } t && IsValid(t) ? t : Default;

    /// <summary>How often the tier's schedule runs.</summary>
    public static TimeSpan Interval(int tier) => Normalize(tier) switch
    {
        Daily => TimeSpan.FromDays(1),
        ThreeDay => TimeSpan.FromDays(3),
        _ => TimeSpan.FromDays(7),
    };

    /// <summary>The reason a tier's refresh messages carry.</summary>
    public static string ReasonOf(int tier) => Normalize(tier) switch
    {
        Daily => CollectionReasons.RefreshDaily,
        ThreeDay => CollectionReasons.RefreshThreeDay,
        _ => CollectionReasons.RefreshWeekly,
    };
}
