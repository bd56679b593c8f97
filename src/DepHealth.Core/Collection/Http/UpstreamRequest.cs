using System.Net;
using DepHealth.Core.Collection.Configuration;

namespace DepHealth.Core.Collection.Http;

/// <summary>A GET to one upstream: the call's name (for timings), its URL, the calls it waited for, extra headers.</summary>
public sealed record UpstreamRequest(
    Upstream Upstream,
    string Call,
    Uri Url,
    IReadOnlyList<string>? DependsOn = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null);

/// <summary>What an upstream call produced: a status and capped body, or a failure reason (never an exception).</summary>
public sealed class UpstreamResponse
{
    public HttpStatusCode? Status { get; init; }
    public byte[] Body { get; init; } = [];
    /// <summary>Why the call failed: circuit_open, timeout, network_error, body_cut_short, response_too_large, http_NNN, not_configured.</summary>
    public string? Failure { get; init; }
    public string? ETag { get; init; }
    public long? RateLimitRemaining { get; init; }
    public long? RateLimitResetEpochSeconds { get; init; }

    public bool IsSuccess => Failure is null && Status is { } s && (int)s is >= 200 and < 300;
    public bool IsNotFound => Failure is null && Status == HttpStatusCode.NotFound;
    public bool IsNotModified => Failure is null && Status == HttpStatusCode.NotModified;

    public static UpstreamResponse Failed(string reason) => new() { Failure = reason };
}
