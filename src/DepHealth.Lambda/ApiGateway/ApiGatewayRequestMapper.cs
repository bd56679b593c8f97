using System.Text;
using DepHealth.Core.Api;
using DepHealth.Lambda.Events;

namespace DepHealth.Lambda.ApiGateway;

/// <summary>Translates a REST proxy event into Core's transport-free <see cref="ApiRequest"/>.</summary>
public static class ApiGatewayRequestMapper
{
    public static ApiRequest ToApiRequest(APIGatewayProxyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiRequest
        {
            Method = (request.HttpMethod ?? request.RequestContext?.HttpMethod ?? "GET").ToUpperInvariant(),
            Path = PercentDecoding.DecodePath(request.Path ?? "/"),
            PathParameters = PathParameters(request.PathParameters),
            // A repeated query parameter counts by its last value, as API Gateway's single-value map does.
            Query = Merge(request.QueryStringParameters, request.MultiValueQueryStringParameters, StringComparer.Ordinal,
                values => values[^1]),
            // Repeated headers combine into one comma-separated value (RFC 9110 §5.3); names ignore case.
            Headers = Merge(request.Headers, request.MultiValueHeaders, StringComparer.OrdinalIgnoreCase,
                values => string.Join(", ", values)),
            Body = Body(request),
            SourceIp = request.RequestContext?.Identity?.SourceIp,
            RequestId = request.RequestContext?.RequestId,
        };
    }

    // REST APIs hand path parameters over still percent-encoded (%40scope%2Fname); the name rules need them decoded.
    private static Dictionary<string, string> PathParameters(Dictionary<string, string?>? raw)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (raw is null)
            return result;
        foreach (var (key, value) in raw)
            if (value is not null)
                result[key] = PercentDecoding.Decode(value);
        return result;
    }

    // The multi-value map holds every value; the single-value map only the last. Prefer the complete one.
    private static Dictionary<string, string> Merge(Dictionary<string, string?>? single, Dictionary<string, List<string>?>? multi,
        StringComparer comparer, Func<List<string>, string> combine)
    {
        var result = new Dictionary<string, string>(comparer);
        if (single is not null)
            foreach (var (key, value) in single)
                if (value is not null)
                    result[key] = value;
        if (multi is not null)
            foreach (var (key, values) in multi)
                if (values is { Count: > 0 })
                    result[key] = combine(values);
        return result;
    }

    /// <summary>True when the body is flagged base64 but does not decode (a client error, answered 400 before mapping).</summary>
    public static bool HasUndecodableBody(APIGatewayProxyRequest request)
    {
        if (!request.IsBase64Encoded || string.IsNullOrEmpty(request.Body))
            return false;
        var buffer = new byte[request.Body.Length / 4 * 3 + 3];
        return !Convert.TryFromBase64String(request.Body, buffer, out _);
    }

    private static ReadOnlyMemory<byte> Body(APIGatewayProxyRequest request)
    {
        if (string.IsNullOrEmpty(request.Body))
            return ReadOnlyMemory<byte>.Empty;
        return request.IsBase64Encoded ? Convert.FromBase64String(request.Body) : Encoding.UTF8.GetBytes(request.Body);
    }
}
