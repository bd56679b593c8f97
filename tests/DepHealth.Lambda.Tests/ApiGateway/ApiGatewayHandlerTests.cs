using System.Text;
using DepHealth.Core.Api;
using DepHealth.Lambda.ApiGateway;
using DepHealth.Lambda.Runtime;

namespace DepHealth.Lambda.Tests.ApiGateway;

public class ApiGatewayHandlerTests
{
    private sealed class RecordingHandler(Func<ApiRequest, ApiResponse> answer) : IApiHandler
    {
        public ApiRequest? Seen { get; private set; }

        public ValueTask<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
        {
            Seen = request;
            return ValueTask.FromResult(answer(request));
        }
    }

    private static LambdaInvocation Invocation(string json) =>
        new(new InvocationContext("req-1", DateTimeOffset.UtcNow.AddSeconds(30), null, null), Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task Event_reaches_the_core_handler_and_its_answer_returns_as_a_proxy_response()
    {
        var core = new RecordingHandler(_ => new ApiResponse(201,
            new Dictionary<string, string> { ["Content-Type"] = "application/json" }, """{"ok":true}"""u8.ToArray()));
        var handler = new ApiGatewayHandler(core, TextWriter.Null);
        var body = Convert.ToBase64String("""{"dependencies":{"lodash":"^4"}}"""u8.ToArray());

        var output = await handler.InvokeAsync(Invocation(ApiGatewayEvents.Request("POST", "/v1/scan", "/v1/scan",
            headers: new Dictionary<string, string[]> { ["x-api-key"] = ["k"] }, body: body, base64: true)), CancellationToken.None);

        var (status, headers, responseBody, base64) = ApiGatewayEvents.Response(Encoding.UTF8.GetString(output.Span));
        Assert.Equal(201, status);
        Assert.False(base64);
        Assert.Equal("""{"ok":true}""", Encoding.UTF8.GetString(responseBody));
        Assert.Equal("application/json", headers["content-type"]);
        Assert.Equal("POST", core.Seen!.Method);
        Assert.Equal("k", core.Seen.Header("X-API-Key"));
        Assert.Equal("""{"dependencies":{"lodash":"^4"}}""", Encoding.UTF8.GetString(core.Seen.Body.Span));
        Assert.Equal("203.0.113.7", core.Seen.SourceIp);
    }

    [Fact]
    public async Task An_exception_in_the_core_handler_becomes_a_500_in_the_api_error_shape()
    {
        var handler = new ApiGatewayHandler(new RecordingHandler(_ => throw new InvalidOperationException("db down")), TextWriter.Null);

        var output = await handler.InvokeAsync(Invocation(ApiGatewayEvents.Request("GET", "/x", "/x")), CancellationToken.None);

        var (status, _, body, _) = ApiGatewayEvents.Response(Encoding.UTF8.GetString(output.Span));
        Assert.Equal(500, status);
        Assert.Equal("""{"error":{"code":"internal_error","message":"Internal server error"}}""", Encoding.UTF8.GetString(body));
        Assert.DoesNotContain("db down", Encoding.UTF8.GetString(output.Span));
    }
}
