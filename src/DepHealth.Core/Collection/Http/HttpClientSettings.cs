namespace DepHealth.Core.Collection.Http;

/// <summary>Connection pool and response limits of the collectors' HTTP client, with validated defaults.</summary>
public sealed class HttpClientSettings
{
    /// <summary>Bounded so DNS changes are picked up and long-lived connections get recycled.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromSeconds(90);
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
    public int MaxConnectionsPerServer { get; set; } = 64;

    /// <summary>Largest accepted body (after decompression); larger is a failure of that source, not an OOM.</summary>
    public int MaxResponseBytes { get; set; } = 2 * 1024 * 1024;

    public string UserAgent { get; set; } = "DepHealth-Collector/1.0";

    public void Validate()
    {
        if (PooledConnectionLifetime <= TimeSpan.Zero || PooledConnectionLifetime > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(PooledConnectionLifetime), "must be in (0, 1 h]");
        if (PooledConnectionIdleTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(PooledConnectionIdleTimeout), "must be positive");
        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), "must be in (0, 1 min]");
        if (MaxConnectionsPerServer < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxConnectionsPerServer), "must be at least 1");
        if (MaxResponseBytes < 1024 || MaxResponseBytes > 64 * 1024 * 1024)
            throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), "must be in [1 KB, 64 MB]");
        if (string.IsNullOrWhiteSpace(UserAgent))
            throw new ArgumentException("must not be empty", nameof(UserAgent));
    }
}
