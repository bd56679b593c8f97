using System.Text.Json;
using System.Text.Json.Nodes;

namespace DepHealth.Lambda.Tests.ApiGateway;

/// <summary>Builds REST proxy events shaped like the ones API Gateway sends (payload format 1.0).</summary>
public static class ApiGatewayEvents
{
    public static string Request(string method, string resource, string path,
        IReadOnlyDictionary<string, string>? pathParameters = null,
        IReadOnlyDictionary<string, string[]>? headers = null,
        IReadOnlyDictionary<string, string[]>? query = null,
        string? body = null, bool base64 = false, string sourceIp = "203.0.113.7")
    {
        JsonNode? Single(IReadOnlyDictionary<string, string[]>? map) => map is null ? null
            : new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value[^1])));
        JsonNode? Multi(IReadOnlyDictionary<string, string[]>? map) => map is null ? null
            : new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonArray(kv.Value.Select(v => (JsonNode?)v).ToArray()))));

        var e = new JsonObject
        {
            ["resource"] = resource,
            ["path"] = path,
            ["httpMethod"] = method,
            ["headers"] = Single(headers),
            ["multiValueHeaders"] = Multi(headers),
            ["queryStringParameters"] = Single(query),
            ["multiValueQueryStringParameters"] = Multi(query),
            ["pathParameters"] = pathParameters is null ? null
                : new JsonObject(pathParameters.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["stageVariables"] = null,
            ["requestContext"] = new JsonObject
            {
                ["resourceId"] = "abc123",
                ["resourcePath"] = resource,
                ["httpMethod"] = method,
                ["requestId"] = Guid.NewGuid().ToString(),
                ["stage"] = "prod",
                ["identity"] = new JsonObject { ["sourceIp"] = sourceIp, ["userAgent"] = "tests" },
            },
            ["body"] = body,
            ["isBase64Encoded"] = base64,
        };
        return e.ToJsonString();
    }

    /// <summary>Parses a proxy response: status, headers, and the body decoded from base64 when flagged.</summary>
    public static (int Status, Dictionary<string, string> Headers, byte[] Body, bool Base64) Response(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
            foreach (var p in h.EnumerateObject())
                headers[p.Name] = p.Value.GetString()!;
        var base64 = root.TryGetProperty("isBase64Encoded", out var b) && b.GetBoolean();
        var text = root.TryGetProperty("body", out var bodyElement) ? bodyElement.GetString() ?? "" : "";
        var body = base64 ? Convert.FromBase64String(text) : System.Text.Encoding.UTF8.GetBytes(text);
        return (root.GetProperty("statusCode").GetInt32(), headers, body, base64);
    }
}
