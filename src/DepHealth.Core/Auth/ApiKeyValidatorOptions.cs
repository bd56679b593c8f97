namespace DepHealth.Core.Auth;

/// <summary>How long <see cref="ApiKeyValidator"/> trusts its per-process answers, and how many it keeps.</summary>
public sealed record ApiKeyValidatorOptions
{
    /// <summary>A valid key is re-read after this long (a revoked key stays usable at most this long).</summary>
    public TimeSpan ValidTtl { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>An unknown key is re-read after this long (a new key becomes usable at most this long after a failed try).</summary>
    public TimeSpan RejectedTtl { get; init; } = TimeSpan.FromSeconds(10);
    public int Capacity { get; init; } = 10_000;
    /// <summary>
    /// When the store cannot be read, a key seen valid is still accepted this long past its cache expiry (so a
    /// revoked key works at most ValidTtl + StaleIfError during an outage). Zero: fail closed (503).
    /// </summary>
    public TimeSpan StaleIfError { get; init; } = TimeSpan.FromMinutes(5);

    public void Validate()
    {
        if (ValidTtl <= TimeSpan.Zero || RejectedTtl <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ValidTtl), "cache lifetimes must be positive");
        if (StaleIfError < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(StaleIfError), "must not be negative");
        if (Capacity is < 3 or > 10_000_000)
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "must be 3-10,000,000");
    }
}
