namespace DepHealth.Load;

/// <summary>How long, how hard and against which server binary the load test runs.</summary>
public sealed record LoadOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Requests in flight at once (closed loop: each worker sends its next request when the last is answered).</summary>
    public int Concurrency { get; init; } = 16;
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);
    public int Seed { get; init; } = 1;
    /// <summary>The server to run: a <c>.dll</c> (run with <c>dotnet</c>) or a native binary; null = the one built with this tool.</summary>
    public string? ServerPath { get; init; }

    public void Validate()
    {
        if (Duration < TimeSpan.FromSeconds(1) || Duration > TimeSpan.FromMinutes(30))
            throw new ArgumentOutOfRangeException(nameof(Duration), "must be 1 s to 30 min");
        if (Concurrency is < 1 or > 512)
            throw new ArgumentOutOfRangeException(nameof(Concurrency), "must be 1-512");
        if (Window < TimeSpan.FromSeconds(1))
            throw new ArgumentOutOfRangeException(nameof(Window), "must be at least 1 s");
    }
}
