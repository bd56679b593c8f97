using System.Text.Json.Nodes;

namespace DepHealth.Bench.ColdStart;

/// <summary>The REST proxy event API Gateway sends for <c>GET /v1/packages/{ecosystem}/{name}</c>.</summary>
public static class ApiGatewayEvent
{
    public static string Get(string ecosystem, string name, string apiKey)
    {
        var encoded = Uri.EscapeDataString(name);
        return new JsonObject
        {
            ["resource"] = "/v1/packages/{ecosystem}/{name+}",
            ["path"] = $"/v1/packages/{ecosystem}/{encoded}",
            ["httpMethod"] = "GET",
            ["headers"] = new JsonObject { ["X-API-Key"] = apiKey, ["Accept"] = "application/json" },
            ["multiValueHeaders"] = new JsonObject
            {
                ["X-API-Key"] = new JsonArray(apiKey), ["Accept"] = new JsonArray("application/json"),
            },
            ["pathParameters"] = new JsonObject { ["ecosystem"] = ecosystem, ["name"] = encoded },
            ["requestContext"] = new JsonObject
            {
                ["requestId"] = Guid.NewGuid().ToString(),
                ["stage"] = "prod",
                ["identity"] = new JsonObject { ["sourceIp"] = "203.0.113.10" },
            },
            ["body"] = null,
            ["isBase64Encoded"] = false,
        }.ToJsonString();
    }
}
