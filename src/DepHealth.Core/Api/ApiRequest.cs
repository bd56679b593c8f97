namespace DepHealth.Core.Api;

/// <summary>A transport-free HTTP request: what the Lambda and Kestrel adapters translate into.</summary>
public sealed record ApiRequest
{
    public required string Method { get; init; }
    /// <summary>The route path without query, e.g. <c>/v1/packages/npm/lodash</c>.</summary>
    public required string Path { get; init; }
    /// <summary>Route parameters, already percent-decoded by the host (API Gateway's adapter decodes them once).</summary>
    public IReadOnlyDictionary<string, string> PathParameters { get; init; } = Empty;
    public IReadOnlyDictionary<string, string> Query { get; init; } = Empty;
    /// <summary>Header names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = Empty;
    public ReadOnlyMemory<byte> Body { get; init; }
    public string? SourceIp { get; init; }
    /// <summary>An id for logs: API Gateway's request id, or one the host makes.</summary>
    public string? RequestId { get; init; }

    private static readonly IReadOnlyDictionary<string, string> Empty =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
