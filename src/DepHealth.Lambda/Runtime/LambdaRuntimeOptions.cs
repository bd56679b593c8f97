namespace DepHealth.Lambda.Runtime;

/// <summary>Options of the runtime loop, with validated defaults; time is injected for tests.</summary>
public sealed class LambdaRuntimeOptions
{
    private TimeSpan _deadlineMargin = TimeSpan.FromMilliseconds(500);
    private TimeSpan _afterResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long before the deadline the handler's token fires (0–60 s, default 500 ms).</summary>
    public TimeSpan DeadlineMargin
    {
        get => _deadlineMargin;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromSeconds(60));
            _deadlineMargin = value;
        }
    }

    /// <summary>Upper bound on the after-response work of one invocation (1 ms–5 min, default 10 s).</summary>
    public TimeSpan AfterResponseTimeout
    {
        get => _afterResponseTimeout;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(1));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMinutes(5));
            _afterResponseTimeout = value;
        }
    }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the runtime writes its own diagnostics (Lambda ships stderr to CloudWatch).</summary>
    public TextWriter Log { get; set; } = Console.Error;
}
