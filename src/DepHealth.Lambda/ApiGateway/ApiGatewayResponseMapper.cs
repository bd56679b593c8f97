using System.Text;
using System.Text.Unicode;
using DepHealth.Core.Api;
using DepHealth.Lambda.Events;

namespace DepHealth.Lambda.ApiGateway;

/// <summary>Translates Core's <see cref="ApiResponse"/> into a REST proxy response; binary or non-UTF-8 bodies go base64.</summary>
public static class ApiGatewayResponseMapper
{
    public static APIGatewayProxyResponse ToProxyResponse(ApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase);
        var body = response.Body.Span;
        var asText = body.IsEmpty || (IsTextual(ContentType(headers)) && Utf8.IsValid(body));
        return new APIGatewayProxyResponse
        {
            StatusCode = response.StatusCode,
            Headers = headers,
            Body = asText ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body),
            IsBase64Encoded = !asText,
        };
    }

    private static string? ContentType(Dictionary<string, string> headers) =>
        headers.TryGetValue("Content-Type", out var value) ? value : null;

    // Without a content type, a valid UTF-8 body is treated as text (Core's bodies are JSON).
    private static bool IsTextual(string? contentType)
    {
        if (contentType is null)
            return true;
        var media = contentType.Split(';', 2)[0].Trim();
        return media.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/javascript", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/yaml", StringComparison.OrdinalIgnoreCase);
    }
}
