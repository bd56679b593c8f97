namespace DepHealth.Core.Api;

/// <summary>Settings of the API handlers, with validated defaults (Polly-style options object).</summary>
public sealed class ApiOptions
{
    /// <summary>Origins that get CORS headers (exact match, e.g. <c>https://app.example.org</c>); empty: none.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>False serves every read from the store (the benchmark's naive baseline).</summary>
    public bool CacheEnabled { get; init; } = true;

    /// <summary>Most packages held in the in-process cache.</summary>
    public int CacheCapacity { get; init; } = 10_000;

    /// <summary>How long a found package is served from the cache.</summary>
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long "not found" is remembered, short so that newly collected packages appear soon.</summary>
    public TimeSpan NegativeCacheTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a failed or slow store read, a cached record this much past its expiry is still served (marked
    /// <c>X-Cache: stale</c>) instead of a 503. Zero: never.
    /// </summary>
    public TimeSpan StaleIfError { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Longest wait for one store step (key check, quota, package read) before it counts as failed.</summary>
    public TimeSpan StoreTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>No request is answered later than this: past it the answer is 503 <c>deadline_exceeded</c>.</summary>
    public TimeSpan RequestDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest accepted request body (POST /v1/scan).</summary>
    public int MaxBodyBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Most unique dependencies in one scan.</summary>
    public int MaxScanDependencies { get; init; } = 1000;

    /// <summary>Most not-found names of one scan sent to the collection queue.</summary>
    public int MaxQueuedPerScan { get; init; } = 50;

    /// <summary><c>Cache-Control</c> max-age of a package response.</summary>
    public TimeSpan ClientMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    public string UpgradeUrl { get; init; } = "https://dephealth.dev/pricing";
    public string SignupUrl { get; init; } = "https://dephealth.dev/signup";
    public string Version { get; init; } = "1.0.0";

    /// <summary>Throws when a value is out of range; hosts call it once at start.</summary>
    public ApiOptions Validate()
    {
        Require(CacheCapacity >= 3, nameof(CacheCapacity), "must be at least 3");
        Require(CacheTtl > TimeSpan.Zero, nameof(CacheTtl), "must be positive");
        Require(NegativeCacheTtl >= TimeSpan.Zero, nameof(NegativeCacheTtl), "must not be negative");
        Require(MaxBodyBytes is >= 1024 and <= 64 * 1024 * 1024, nameof(MaxBodyBytes), "must be 1 KiB..64 MiB");
        Require(MaxScanDependencies is >= 1 and <= 100_000, nameof(MaxScanDependencies), "must be 1..100000");
        Require(MaxQueuedPerScan >= 0, nameof(MaxQueuedPerScan), "must not be negative");
        Require(StaleIfError >= TimeSpan.Zero, nameof(StaleIfError), "must not be negative");
        Require(StoreTimeout > TimeSpan.Zero, nameof(StoreTimeout), "must be positive");
        Require(RequestDeadline > StoreTimeout, nameof(RequestDeadline), "must be longer than StoreTimeout");
        Require(ClientMaxAge >= TimeSpan.Zero, nameof(ClientMaxAge), "must not be negative");
        foreach (var origin in AllowedOrigins)
            Require(Uri.TryCreate(origin, UriKind.Absolute, out _) && !origin.EndsWith('/'), nameof(AllowedOrigins),
                $"'{origin}' is not an origin like https://host[:port]");
        return this;
    }

    private static void Require(bool ok, string name, string message)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(name, $"ApiOptions.{name} {message}");
    }
}
