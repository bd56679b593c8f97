using System.Text.Json;
using DepHealth.Core.Collection.Http;

namespace DepHealth.Core.Collection.Collectors;

/// <summary>Turns an <see cref="UpstreamResponse"/> into a <see cref="SourceResult{T}"/> with a JSON mapper.</summary>
internal static class ResponseReader
{
    public static SourceResult<T> Read<T>(UpstreamResponse response, Func<JsonElement, T?> map)
    {
        if (response.IsNotFound)
            return SourceResult<T>.NotFound();
        if (!response.IsSuccess)
            return SourceResult<T>.Failed(response.Failure ?? "http_" + (int?)response.Status);
        using var doc = Json.TryParse(response.Body);
        if (doc is null)
            return SourceResult<T>.Failed("invalid_json_response");
        var value = map(doc.RootElement);
        return value is null ? SourceResult<T>.Failed("unexpected_response_shape") : SourceResult<T>.Ok(value);
    }
}
