namespace DepHealth.Core.Storage;

/// <summary>How <see cref="DynamoPackageStore.GetManyAsync"/> splits, parallelises and retries BatchGetItem.</summary>
public sealed record BatchReadOptions
{
    /// <summary>Keys per BatchGetItem request (DynamoDB allows up to 100; 25 keeps responses small).</summary>
    public int KeysPerRequest { get; init; } = 25;
    /// <summary>
    /// BatchGetItem requests in flight at once. 40 = every batch of the largest scan (1000 keys / 25) in one wave, so a
    /// scan pays one round trip of latency, not one per wave (8 paid five for 1000 keys).
    /// </summary>
    public int MaxConcurrency { get; init; } = 40;
    /// <summary>One request at a time: the naive baseline the benchmark compares against.</summary>
    public bool Sequential { get; init; }
    /// <summary>Retries of UnprocessedKeys after the first attempt; keys still unprocessed are reported unavailable.</summary>
    public int MaxUnprocessedRetries { get; init; } = 5;
    /// <summary>First backoff delay; it doubles per retry, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(1);
    public bool ConsistentRead { get; init; }

    /// <summary>The baseline configuration: sequential batches, otherwise the same.</summary>
    public static BatchReadOptions Baseline { get; } = new() { Sequential = true };

    public void Validate()
    {
        if (KeysPerRequest is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(KeysPerRequest), KeysPerRequest, "must be 1-100 (DynamoDB's BatchGetItem limit)");
        if (MaxConcurrency is < 1 or > 256)
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "must be 1-256");
        if (MaxUnprocessedRetries is < 0 or > 20)
            throw new ArgumentOutOfRangeException(nameof(MaxUnprocessedRetries), MaxUnprocessedRetries, "must be 0-20");
        if (BaseRetryDelay < TimeSpan.Zero || MaxRetryDelay < BaseRetryDelay)
            throw new ArgumentOutOfRangeException(nameof(BaseRetryDelay), "delays must be non-negative with MaxRetryDelay >= BaseRetryDelay");
    }
}
