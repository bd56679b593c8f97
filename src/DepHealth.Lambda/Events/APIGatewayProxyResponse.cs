using System.Text.Json.Serialization;

namespace DepHealth.Lambda.Events;

/// <summary>What a REST proxy integration returns to API Gateway (payload format 1.0).</summary>
public sealed class APIGatewayProxyResponse
{
    [JsonPropertyName("statusCode")] public int StatusCode { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; set; }
    [JsonPropertyName("multiValueHeaders")] public Dictionary<string, List<string>>? MultiValueHeaders { get; set; }
    [JsonPropertyName("body")] public string? Body { get; set; }
    /// <summary>True when <see cref="Body"/> is base64 (binary or non-UTF-8 content).</summary>
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; set; }
}
