using System.Text;
using System.Text.Json;
using DepHealth.Core.Api;
using DepHealth.Core.Json;
using DepHealth.Lambda.Events;
using DepHealth.Lambda.Json;
using DepHealth.Lambda.Runtime;

namespace DepHealth.Lambda.ApiGateway;

/// <summary>
/// Runs a Core <see cref="IApiHandler"/> behind API Gateway: event JSON → ApiRequest → handler → proxy response JSON.
/// An unexpected exception becomes a 500 in the API's error shape rather than API Gateway's bare 502.
/// </summary>
public sealed class ApiGatewayHandler(IApiHandler handler, TextWriter? log = null) : ILambdaHandler
{
    private static readonly byte[] InternalError =
        Encoding.UTF8.GetBytes("""{"error":{"code":"internal_error","message":"Internal server error"}}""");

    private readonly TextWriter _log = log ?? Console.Error;

    public async ValueTask<ReadOnlyMemory<byte>> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        // A path or header escaped as a lone surrogate is valid JSON the event model cannot read: the client's fault, a 400.
        if (JsonStrings.HasUndecodableString(invocation.Payload.Span))
            return Serialize(ApiError.BadRequest(ErrorCodes.InvalidRequest, "The request holds text that is not valid Unicode"));
        var request = JsonSerializer.Deserialize(invocation.Payload.Span, LambdaJsonContext.Default.APIGatewayProxyRequest)
            ?? throw new JsonException("the event is JSON null, not an API Gateway proxy request");

        ApiResponse response;
        try
        {
            response = ApiGatewayRequestMapper.HasUndecodableBody(request)
                ? ApiError.BadRequest(ErrorCodes.InvalidRequest, "Request body is marked base64 but is not valid base64")
                : await handler.HandleAsync(ApiGatewayRequestMapper.ToApiRequest(request), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log.WriteLine($"request {request.RequestContext?.RequestId} failed: {e}");
            response = new ApiResponse(500,
                new Dictionary<string, string> { ["Content-Type"] = ApiResponse.JsonContentType }, InternalError);
        }

        return Serialize(response);
    }

    private static byte[] Serialize(ApiResponse response) =>
        JsonSerializer.SerializeToUtf8Bytes(ApiGatewayResponseMapper.ToProxyResponse(response), LambdaJsonContext.Default.APIGatewayProxyResponse);
}
