namespace DepHealth.Core.Api;

/// <summary>A transport-free HTTP response: status, headers and UTF-8 body bytes.</summary>
public sealed record ApiResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body)
{
    public const string JsonContentType = "application/json";
}
