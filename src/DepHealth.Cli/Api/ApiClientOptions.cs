namespace DepHealth.Cli.Api;

/// <summary>Timeouts and retries of <see cref="DepHealthClient"/>, with validated defaults (Polly-style options).</summary>
public sealed class ApiClientOptions
{
    /// <summary>Per attempt.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Retries after the first attempt, on 429, 5xx, timeouts and network errors.</summary>
    public int MaxRetries { get; init; } = 3;
    /// <summary>Base of the exponential, jittered backoff.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>A Retry-After longer than this (a monthly quota, say) is not waited for: the error is reported.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ApiClientOptions Validate()
    {
        if (AttemptTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AttemptTimeout));
        if (MaxRetries is < 0 or > 10) throw new ArgumentOutOfRangeException(nameof(MaxRetries));
        if (BaseDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(BaseDelay));
        if (MaxRetryAfter < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxRetryAfter));
        return this;
    }

    /// <summary>Reads DEPHEALTH_TIMEOUT_SECONDS and DEPHEALTH_MAX_RETRIES when set (CI tuning, tests).</summary>
    public static ApiClientOptions FromEnvironment(Func<string, string?> env)
    {
        var defaults = new ApiClientOptions();
        return new ApiClientOptions
        {
            AttemptTimeout = int.TryParse(env("DEPHEALTH_TIMEOUT_SECONDS"), out var t) && t > 0 ? TimeSpan.FromSeconds(t) : defaults.AttemptTimeout,
            MaxRetries = int.TryParse(env("DEPHEALTH_MAX_RETRIES"), out var r) && r >= 0 ? r : defaults.MaxRetries,
        }.Validate();
    }
}
