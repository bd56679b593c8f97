using System.Text;
using System.Text.Json;
using DepHealth.Lambda.ApiGateway;
using DepHealth.Lambda.Events;
using DepHealth.Lambda.Json;

namespace DepHealth.Lambda.Tests.ApiGateway;

public class ApiGatewayRequestMapperTests
{
    private static APIGatewayProxyRequest Parse(string json) =>
        JsonSerializer.Deserialize(json, LambdaJsonContext.Default.APIGatewayProxyRequest)!;

    [Theory]
    [InlineData("%40types%2Fnode", "@types/node")]
    [InlineData("lodash", "lodash")]
    [InlineData("a+b", "a+b")]                // '+' is literal in a path, not a space
    [InlineData("caf%C3%A9", "café")]         // UTF-8 percent sequences
    [InlineData("%2540scope", "%40scope")]    // decoded once, not twice
    public void Path_parameters_are_percent_decoded_once(string raw, string expected)
    {
        var request = Parse(ApiGatewayEvents.Request("GET", "/v1/packages/{ecosystem}/{name+}", $"/v1/packages/npm/{raw}",
            new Dictionary<string, string> { ["ecosystem"] = "npm", ["name"] = raw }));

        var api = ApiGatewayRequestMapper.ToApiRequest(request);

        Assert.Equal(expected, api.PathParameters["name"]);
        Assert.Equal("npm", api.PathParameters["ecosystem"]);
    }

    [Fact]
    public void Path_is_decoded_except_encoded_slashes()
    {
        var request = Parse(ApiGatewayEvents.Request("GET", "/v1/packages/{ecosystem}/{name+}", "/v1/packages/npm/%40types%2Fnode"));

        Assert.Equal("/v1/packages/npm/@types%2Fnode", ApiGatewayRequestMapper.ToApiRequest(request).Path);
    }

    [Fact]
    public void Header_names_compare_case_insensitively()
    {
        var request = Parse(ApiGatewayEvents.Request("GET", "/x", "/x",
            headers: new Dictionary<string, string[]> { ["X-API-Key"] = ["dh_live_abc"], ["If-None-Match"] = ["\"e1\""] }));

        var api = ApiGatewayRequestMapper.ToApiRequest(request);

        Assert.Equal("dh_live_abc", api.Header("x-api-key"));
        Assert.Equal("dh_live_abc", api.Header("X-Api-Key"));
        Assert.Equal("\"e1\"", api.Header("if-none-match"));
        Assert.Null(api.Header("authorization"));
    }

    [Fact]
    public void Repeated_headers_are_combined_and_repeated_query_parameters_keep_the_last_value()
    {
        var request = Parse(ApiGatewayEvents.Request("GET", "/x", "/x",
            headers: new Dictionary<string, string[]> { ["Accept"] = ["application/json", "text/plain"] },
            query: new Dictionary<string, string[]> { ["fields"] = ["score", "risk"], ["Mode"] = ["a"] }));

        var api = ApiGatewayRequestMapper.ToApiRequest(request);

        Assert.Equal("application/json, text/plain", api.Header("accept"));
        Assert.Equal("risk", api.Query["fields"]);
        Assert.True(api.Query.ContainsKey("Mode"));
        Assert.False(api.Query.ContainsKey("mode")); // query names are case-sensitive
    }

    [Fact]
    public void Only_single_value_maps_are_enough()
    {
        const string json = """
            {"httpMethod":"get","path":"/v1/usage","headers":{"x-api-key":"k1"},"queryStringParameters":{"a":"1"},
             "multiValueHeaders":null,"multiValueQueryStringParameters":null,"pathParameters":null,"body":null,
             "isBase64Encoded":false,"requestContext":{"requestId":"r-1","stage":"prod","identity":{"sourceIp":"198.51.100.1"}}}
            """;

        var api = ApiGatewayRequestMapper.ToApiRequest(Parse(json));

        Assert.Equal("GET", api.Method);
        Assert.Equal("k1", api.Header("X-API-KEY"));
        Assert.Equal("1", api.Query["a"]);
        Assert.Empty(api.PathParameters);
        Assert.True(api.Body.IsEmpty);
        Assert.Equal("198.51.100.1", api.SourceIp);
        Assert.Equal("r-1", api.RequestId);
    }

    [Fact]
    public void Base64_bodies_are_decoded_to_their_bytes()
    {
        byte[] bytes = [0xFF, 0x00, 0x7B, 0x80];
        var request = Parse(ApiGatewayEvents.Request("POST", "/v1/scan", "/v1/scan", body: Convert.ToBase64String(bytes), base64: true));

        Assert.Equal(bytes, ApiGatewayRequestMapper.ToApiRequest(request).Body.ToArray());
    }

    [Fact]
    public void Text_bodies_are_encoded_as_utf8()
    {
        const string body = """{"content":"{\"dependencies\":{\"café\":\"1\"}}"}""";
        var request = Parse(ApiGatewayEvents.Request("POST", "/v1/scan", "/v1/scan", body: body));

        Assert.Equal(body, Encoding.UTF8.GetString(ApiGatewayRequestMapper.ToApiRequest(request).Body.Span));
    }
}
