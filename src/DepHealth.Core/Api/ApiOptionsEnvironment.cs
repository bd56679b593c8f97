using System.Globalization;

namespace DepHealth.Core.Api;

/// <summary>
/// Reads <see cref="ApiOptions"/> from environment variables: ALLOWED_ORIGINS (comma-separated), CACHE_ENABLED,
/// CACHE_CAPACITY, CACHE_TTL_SECONDS, NEGATIVE_CACHE_TTL_SECONDS, STALE_IF_ERROR_SECONDS, STORE_TIMEOUT_MS,
/// REQUEST_DEADLINE_MS, MAX_BODY_BYTES, MAX_SCAN_DEPENDENCIES.
/// </summary>
public static class ApiOptionsEnvironment
{
    public static ApiOptions Read(Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        var defaults = new ApiOptions();
        return new ApiOptions
        {
            AllowedOrigins = (lookup("ALLOWED_ORIGINS") ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            CacheEnabled = Bool(lookup, "CACHE_ENABLED", defaults.CacheEnabled),
            CacheCapacity = (int)Number(lookup, "CACHE_CAPACITY", defaults.CacheCapacity),
            CacheTtl = TimeSpan.FromSeconds(Number(lookup, "CACHE_TTL_SECONDS", (long)defaults.CacheTtl.TotalSeconds)),
            NegativeCacheTtl = TimeSpan.FromSeconds(Number(lookup, "NEGATIVE_CACHE_TTL_SECONDS", (long)defaults.NegativeCacheTtl.TotalSeconds)),
            StaleIfError = TimeSpan.FromSeconds(Number(lookup, "STALE_IF_ERROR_SECONDS", (long)defaults.StaleIfError.TotalSeconds)),
            StoreTimeout = TimeSpan.FromMilliseconds(Number(lookup, "STORE_TIMEOUT_MS", (long)defaults.StoreTimeout.TotalMilliseconds)),
            RequestDeadline = TimeSpan.FromMilliseconds(Number(lookup, "REQUEST_DEADLINE_MS", (long)defaults.RequestDeadline.TotalMilliseconds)),
            MaxBodyBytes = (int)Number(lookup, "MAX_BODY_BYTES", defaults.MaxBodyBytes),
            MaxScanDependencies = (int)Number(lookup, "MAX_SCAN_DEPENDENCIES", defaults.MaxScanDependencies),
        }.Validate();
    }

    private static long Number(Func<string, string?> lookup, string name, long fallback)
    {
        var raw = lookup(name);
        if (string.IsNullOrWhiteSpace(raw))
            return fallback;
        return long.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= int.MaxValue
            ? v
            : throw new ArgumentException($"{name} must be a whole number, got '{raw}'.");
    }

    private static bool Bool(Func<string, string?> lookup, string name, bool fallback)
    {
        var raw = lookup(name)?.Trim();
        if (string.IsNullOrEmpty(raw))
            return fallback;
        return raw.ToLowerInvariant() switch
        {
            "1" or "true" or "yes" or "on" => true,
            "0" or "false" or "no" or "off" => false,
            _ => throw new ArgumentException($"{name} must be true or false, got '{raw}'."),
        };
    }
}
