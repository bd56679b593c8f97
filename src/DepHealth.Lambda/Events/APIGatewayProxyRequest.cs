using System.Text.Json.Serialization;

namespace DepHealth.Lambda.Events;

/// <summary>API Gateway REST API Lambda proxy integration event, payload format 1.0.</summary>
public sealed class APIGatewayProxyRequest
{
    [JsonPropertyName("resource")] public string? Resource { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, string?>? Headers { get; set; }
    [JsonPropertyName("multiValueHeaders")] public Dictionary<string, List<string>?>? MultiValueHeaders { get; set; }
    [JsonPropertyName("queryStringParameters")] public Dictionary<string, string?>? QueryStringParameters { get; set; }
    [JsonPropertyName("multiValueQueryStringParameters")] public Dictionary<string, List<string>?>? MultiValueQueryStringParameters { get; set; }
    /// <summary>As API Gateway sends them for REST APIs: still percent-encoded.</summary>
    [JsonPropertyName("pathParameters")] public Dictionary<string, string?>? PathParameters { get; set; }
    [JsonPropertyName("stageVariables")] public Dictionary<string, string?>? StageVariables { get; set; }
    [JsonPropertyName("requestContext")] public APIGatewayRequestContext? RequestContext { get; set; }
    [JsonPropertyName("body")] public string? Body { get; set; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; set; }
}

/// <summary>The <c>requestContext</c> of a REST proxy event: the parts DepHealth reads.</summary>
public sealed class APIGatewayRequestContext
{
    [JsonPropertyName("requestId")] public string? RequestId { get; set; }
    [JsonPropertyName("stage")] public string? Stage { get; set; }
    [JsonPropertyName("resourcePath")] public string? ResourcePath { get; set; }
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }
    [JsonPropertyName("identity")] public APIGatewayRequestIdentity? Identity { get; set; }
}

/// <summary>The caller identity of a REST proxy event; DepHealth needs only the source IP (demo limit).</summary>
public sealed class APIGatewayRequestIdentity
{
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; set; }
    [JsonPropertyName("userAgent")] public string? UserAgent { get; set; }
    [JsonPropertyName("apiKey")] public string? ApiKey { get; set; }
}
