namespace DepHealth.Core.Collection.Queue;

/// <summary>Settings of <see cref="CollectionProcessor"/>, with validated defaults (Polly-style options object).</summary>
public sealed class CollectionProcessorOptions
{
    /// <summary>A record collected less than this long ago is not collected again unless <c>force_refresh</c> (the original's 30 minutes).</summary>
    public TimeSpan DedupWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Packages collected at once within one batch.</summary>
    public int MaxConcurrency { get; init; } = 10;

    /// <summary>Reads <c>DEDUP_WINDOW_MINUTES</c> and <c>COLLECTOR_CONCURRENCY</c> (or any lookup) over the defaults.</summary>
    public static CollectionProcessorOptions FromEnvironment(Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        var defaults = new CollectionProcessorOptions();
        var options = new CollectionProcessorOptions
        {
            DedupWindow = ReadInt(lookup, "DEDUP_WINDOW_MINUTES") is { } minutes ? TimeSpan.FromMinutes(minutes) : defaults.DedupWindow,
            MaxConcurrency = ReadInt(lookup, "COLLECTOR_CONCURRENCY") ?? defaults.MaxConcurrency,
        };
        return options.Validate();
    }

    /// <summary>Throws when a value is out of range.</summary>
    public CollectionProcessorOptions Validate()
    {
        if (DedupWindow < TimeSpan.Zero || DedupWindow > TimeSpan.FromDays(7))
            throw new ArgumentOutOfRangeException(nameof(DedupWindow), "CollectionProcessorOptions.DedupWindow must be 0..7 days");
        if (MaxConcurrency is < 1 or > 256)
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), "CollectionProcessorOptions.MaxConcurrency must be 1..256");
        return this;
    }

    private static int? ReadInt(Func<string, string?> lookup, string name)
    {
        var value = lookup(name);
        if (string.IsNullOrWhiteSpace(value))
            return null;
        return int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} must be a whole number, got '{value}'.");
    }
}
