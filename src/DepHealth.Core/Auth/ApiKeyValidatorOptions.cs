namespace DepHealth.Core.Auth;

/// <summary>How long <see cref="ApiKeyValidator"/> trusts its per-process answers, and how many it keeps.</summary>
public sealed record ApiKeyValidatorOptions
{
    /// <summary>A valid key is re-read after this long (a revoked key stays usable at most this long).</summary>
    public TimeSpan ValidTtl { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>An unknown key is re-read after this long (a new key becomes usable at most this long after a failed try).</summary>
    public TimeSpan RejectedTtl { get; init; } = TimeSpan.FromSeconds(10);
    public int Capacity { get; init; } = 10_000;

    public void Validate()
    {
        if (ValidTtl <= TimeSpan.Zero || RejectedTtl <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ValidTtl), "cache lifetimes must be positive");
        if (Capacity is < 3 or > 10_000_000)
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "must be 3-10,000,000");
    }
}
