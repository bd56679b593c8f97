namespace DepHealth.Emulator.Upstream.Faults;

/// <summary>How a faulty upstream misbehaves.</summary>
public enum FaultKind
{
    /// <summary>Answer <see cref="FaultRule.StatusCode"/> (500, 503, 429, 404, 202, …) with an error body, and Retry-After when set.</summary>
    Status,
    /// <summary>Never answer: hold the request until the client gives up (or <see cref="FaultRule.HangFor"/> passes, then drop the connection).</summary>
    Timeout,
    /// <summary>Drop the connection without answering.</summary>
    Reset,
    /// <summary>200 with a body that is not valid JSON.</summary>
    MalformedJson,
    /// <summary>Announce the full Content-Length, send half the body, drop the connection.</summary>
    TruncatedBody,
    /// <summary>Trickle the body <see cref="FaultRule.ChunkBytes"/> bytes every <see cref="FaultRule.ChunkInterval"/>.</summary>
    SlowBody,
}
