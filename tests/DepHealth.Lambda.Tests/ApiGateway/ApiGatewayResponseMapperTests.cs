using System.Text;
using System.Text.Json;
using DepHealth.Core.Api;
using DepHealth.Lambda.ApiGateway;
using DepHealth.Lambda.Json;

namespace DepHealth.Lambda.Tests.ApiGateway;

public class ApiGatewayResponseMapperTests
{
    private static ApiResponse Response(string contentType, byte[] body, int status = 200) =>
        new(status, new Dictionary<string, string> { ["Content-Type"] = contentType, ["ETag"] = "\"v1\"" }, body);

    [Fact]
    public void Json_bodies_go_as_text_with_status_and_headers()
    {
        var json = """{"package":"lodash","health_score":85}""";

        var proxy = ApiGatewayResponseMapper.ToProxyResponse(Response("application/json", Encoding.UTF8.GetBytes(json), 200));

        Assert.Equal(200, proxy.StatusCode);
        Assert.False(proxy.IsBase64Encoded);
        Assert.Equal(json, proxy.Body);
        Assert.Equal("\"v1\"", proxy.Headers!["etag"]);
    }

    [Fact]
    public void Binary_bodies_go_base64()
    {
        byte[] bytes = [0x1F, 0x8B, 0x08, 0x00, 0xFF];

        var proxy = ApiGatewayResponseMapper.ToProxyResponse(Response("application/octet-stream", bytes));

        Assert.True(proxy.IsBase64Encoded);
        Assert.Equal(bytes, Convert.FromBase64String(proxy.Body!));
    }

    [Fact]
    public void Text_that_is_not_valid_utf8_goes_base64()
    {
        byte[] latin1 = [0x63, 0x61, 0x66, 0xE9]; // "café" in Latin-1

        var proxy = ApiGatewayResponseMapper.ToProxyResponse(Response("text/plain; charset=iso-8859-1", latin1));

        Assert.True(proxy.IsBase64Encoded);
        Assert.Equal(latin1, Convert.FromBase64String(proxy.Body!));
    }

    [Fact]
    public void An_empty_body_is_an_empty_string_not_base64()
    {
        var proxy = ApiGatewayResponseMapper.ToProxyResponse(Response("application/octet-stream", [], 304));

        Assert.Equal(304, proxy.StatusCode);
        Assert.False(proxy.IsBase64Encoded);
        Assert.Equal("", proxy.Body);
    }

    [Fact]
    public void Serialised_response_has_the_proxy_integration_field_names()
    {
        var proxy = ApiGatewayResponseMapper.ToProxyResponse(Response("application/json", "{}"u8.ToArray(), 404));

        using var doc = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(proxy, LambdaJsonContext.Default.APIGatewayProxyResponse));
        var root = doc.RootElement;

        Assert.Equal(404, root.GetProperty("statusCode").GetInt32());
        Assert.Equal("{}", root.GetProperty("body").GetString());
        Assert.False(root.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("application/json", root.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.False(root.TryGetProperty("multiValueHeaders", out _)); // nulls are left out
    }
}
