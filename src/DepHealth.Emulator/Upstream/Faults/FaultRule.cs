namespace DepHealth.Emulator.Upstream.Faults;

/// <summary>
/// When to misbehave and how. A rule matches a request by upstream, package and path substring (each optional), then fires
/// for the first <see cref="FirstN"/> matching requests (per path when <see cref="CountPerPath"/>) and/or with <see cref="Probability"/>.
/// </summary>
public sealed record FaultRule
{
    /// <summary>Only this upstream; null = every upstream.</summary>
    public UpstreamKind? Upstream { get; init; }
    /// <summary>Only requests about this package (npm/PyPI name, or <c>owner/repo</c> for GitHub); null = any.</summary>
    public string? Package { get; init; }
    /// <summary>Only requests whose path (after the upstream prefix, decoded) contains this text; null = any.</summary>
    public string? PathContains { get; init; }
    public FaultKind Kind { get; init; } = FaultKind.Status;
    public int StatusCode { get; init; } = 500;
    /// <summary>Retry-After header (seconds) of a <see cref="FaultKind.Status"/> fault.</summary>
    public int? RetryAfterSeconds { get; init; }
    /// <summary>Chance that a matching request is hit, drawn from the emulator's seeded stream.</summary>
    public double Probability { get; init; } = 1.0;
    /// <summary>Fire only for the first N matching requests, then let requests through; null = no limit.</summary>
    public int? FirstN { get; init; }
    /// <summary>Count <see cref="FirstN"/> per request path (GitHub's 202-then-200 is per URL).</summary>
    public bool CountPerPath { get; init; }
    public int ChunkBytes { get; init; } = 16;
    public TimeSpan ChunkInterval { get; init; } = TimeSpan.FromMilliseconds(50);
    /// <summary>Longest a <see cref="FaultKind.Timeout"/> holds a request before dropping the connection.</summary>
    public TimeSpan HangFor { get; init; } = TimeSpan.FromMinutes(5);

    public static FaultRule Status(UpstreamKind? upstream, int statusCode, int? retryAfterSeconds = null, string? package = null) =>
        new() { Upstream = upstream, Kind = FaultKind.Status, StatusCode = statusCode, RetryAfterSeconds = retryAfterSeconds, Package = package };

    /// <summary>GitHub statistics style: the first <paramref name="n"/> calls to each path answer 202 Accepted, later ones the real response.</summary>
    public static FaultRule AcceptedThenOk(UpstreamKind? upstream, int n, string? pathContains = null) =>
        new() { Upstream = upstream, Kind = FaultKind.Status, StatusCode = 202, FirstN = n, CountPerPath = true, PathContains = pathContains };

    public static FaultRule Of(FaultKind kind, UpstreamKind? upstream, string? package = null) =>
        new() { Upstream = upstream, Kind = kind, Package = package };

    internal void Validate()
    {
        if (Probability is < 0 or > 1 || double.IsNaN(Probability))
            throw new ArgumentOutOfRangeException(nameof(Probability), "probability must be within [0, 1]");
        if (FirstN is < 0)
            throw new ArgumentOutOfRangeException(nameof(FirstN), "firstN must not be negative");
        if (StatusCode is < 100 or > 599)
            throw new ArgumentOutOfRangeException(nameof(StatusCode), "status must be an HTTP status code");
        if (ChunkBytes < 1)
            throw new ArgumentOutOfRangeException(nameof(ChunkBytes), "chunkBytes must be at least 1");
        if (ChunkInterval < TimeSpan.Zero || HangFor < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ChunkInterval), "durations must not be negative");
    }
}
