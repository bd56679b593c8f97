using System.Text.Json;
using DepHealth.Lambda.Runtime;

namespace DepHealth.Lambda.TestFunction;

/// <summary>Dispatches on the event: API Gateway events go to the adapter, {"action": …} events to test behaviours.</summary>
internal sealed class ActionHandler(ILambdaHandler apiGateway) : ILambdaHandler
{
    public async ValueTask<ReadOnlyMemory<byte>> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        using var doc = JsonDocument.Parse(invocation.Payload);
        if (doc.RootElement.TryGetProperty("httpMethod", out _))
            return await apiGateway.InvokeAsync(invocation, cancellationToken);

        var action = doc.RootElement.GetProperty("action").GetString();
        var context = invocation.Context;
        switch (action)
        {
            case "echo":
                return Json(w =>
                {
                    w.WriteString("requestId", context.AwsRequestId);
                    w.WriteString("functionArn", context.InvokedFunctionArn);
                    w.WriteNumber("remainingMs", (long)context.RemainingTime.TotalMilliseconds);
                    w.WritePropertyName("event");
                    doc.RootElement.WriteTo(w);
                });
            case "throw":
                throw new InvalidOperationException("test function: configured to throw");
            case "wait-for-deadline":
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    throw new InvalidOperationException("unreachable: an infinite delay ended");
                }
                catch (OperationCanceledException)
                {
                    var remaining = (long)context.RemainingTime.TotalMilliseconds;
                    return Json(w =>
                    {
                        w.WriteBoolean("cancelled", true);
                        w.WriteNumber("remainingMs", remaining);
                    });
                }
            case "ignore-deadline":
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable: an infinite delay ended");
            case "trace":
                return Json(w =>
                {
                    w.WriteString("traceEnv", Environment.GetEnvironmentVariable(RuntimeApiHeaders.TraceIdVariable));
                    w.WriteString("traceContext", context.TraceId);
                });
            default:
                throw new ArgumentException($"unknown action '{action}'");
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
