namespace DepHealth.Core.Auth;

/// <summary>Subscription tiers and their monthly request limits (reference §2); an unknown tier counts as free.</summary>
public static class Tiers
{
    public const string Free = "free";
    public const string Starter = "starter";
    public const string Pro = "pro";
    public const string Business = "business";

    /// <summary>Monthly limits by tier, in tier order.</summary>
    public static IReadOnlyList<KeyValuePair<string, long>> Limits { get; } =
    [
        new(Free, 5_000), new(Starter, 25_000), new(Pro, 100_000), new(Business, 500_000),
    ];

    public static bool IsKnown(string? tier) => tier is Free or Starter or Pro or Business;

    /// <summary>The tier as stored, or <see cref="Free"/> when missing or unknown.</summary>
    public static string Normalize(string? tier) => IsKnown(tier) ? tier! : Free;

    public static long MonthlyLimitOf(string? tier) => Normalize(tier) switch
    {
        Starter => 25_000,
        Pro => 100_000,
        Business => 500_000,
        _ => 5_000,
    };
}
