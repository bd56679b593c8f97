using System.Text.Json;
using DepHealth.Emulator.Lambda;
using DepHealth.Lambda.Runtime;
using DepHealth.Lambda.Tests.ApiGateway;

namespace DepHealth.Lambda.Tests.Runtime;

/// <summary>The runtime loop in a real process (the test function, JIT) against the emulated Runtime API.</summary>
public class RuntimeLoopTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static JsonElement Json(LambdaInvocationResult result) => JsonDocument.Parse(result.Payload).RootElement;

    [Fact]
    public async Task Invocation_context_carries_request_id_function_arn_and_deadline()
    {
        await using var emu = await TestFunction.StartAsync();

        var result = await emu.InvokeAsync("""{"action":"echo","n":1}""", Timeout);

        Assert.Equal(LambdaInvocationStatus.Success, result.Status);
        var json = Json(result);
        Assert.Equal(result.RequestId, json.GetProperty("requestId").GetString());
        Assert.EndsWith(":function:dephealth-function", json.GetProperty("functionArn").GetString());
        Assert.InRange(json.GetProperty("remainingMs").GetInt64(), 1, (long)Timeout.TotalMilliseconds);
        Assert.Equal(1, json.GetProperty("event").GetProperty("n").GetInt32());
        Assert.NotNull(emu.InitDuration);
    }

    [Fact]
    public async Task A_handler_exception_fails_that_invocation_only_and_the_process_keeps_serving()
    {
        await using var emu = await TestFunction.StartAsync();

        var failed = await emu.InvokeAsync("""{"action":"throw"}""", Timeout);
        var next = await emu.InvokeAsync("""{"action":"echo"}""", Timeout);

        Assert.Equal(LambdaInvocationStatus.Error, failed.Status);
        Assert.Equal("InvalidOperationException", failed.ErrorType); // Lambda-Runtime-Function-Error-Type header
        var error = Json(failed);
        Assert.Equal("test function: configured to throw", error.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", error.GetProperty("errorType").GetString());
        Assert.Contains(error.GetProperty("stackTrace").EnumerateArray(), f => f.GetString()!.Contains("ActionHandler"));

        Assert.Equal(LambdaInvocationStatus.Success, next.Status);
        Assert.False(emu.Exited.IsCompleted);
    }

    [Fact]
    public async Task The_deadline_cancels_the_handler_before_lambda_would_kill_it()
    {
        // A wide margin so that a loaded machine's late timer still fires before the deadline itself.
        await using var emu = await TestFunction.StartAsync(("TEST_FUNCTION_MARGIN_MS", "1500"));

        var result = await emu.InvokeAsync("""{"action":"wait-for-deadline"}""", TimeSpan.FromMilliseconds(4000));

        Assert.Equal(LambdaInvocationStatus.Success, result.Status);
        var json = Json(result);
        Assert.True(json.GetProperty("cancelled").GetBoolean());
        // Cancelled no earlier than the margin before the deadline, and before the deadline: time was left to answer.
        Assert.InRange(json.GetProperty("remainingMs").GetInt64(), 1, 1500);
    }

    [Fact]
    public async Task A_handler_that_lets_the_deadline_cancellation_escape_reports_a_deadline_error()
    {
        await using var emu = await TestFunction.StartAsync(("TEST_FUNCTION_MARGIN_MS", "300"));

        var result = await emu.InvokeAsync("""{"action":"ignore-deadline"}""", TimeSpan.FromMilliseconds(1000));
        var next = await emu.InvokeAsync("""{"action":"echo"}""", Timeout);

        Assert.Equal(LambdaInvocationStatus.Error, result.Status);
        Assert.Equal(LambdaErrorFormatter.TimeoutErrorType, result.ErrorType);
        Assert.Equal(LambdaInvocationStatus.Success, next.Status);
    }

    [Fact]
    public async Task Each_invocations_trace_id_is_exported_as_the_xray_variable()
    {
        await using var emu = await TestFunction.StartAsync();
        const string first = "Root=1-6566a3b0-0123456789abcdef01234567;Parent=1111111111111111;Sampled=1";
        const string second = "Root=1-6566a3b1-fedcba9876543210fedcba98;Parent=2222222222222222;Sampled=0";

        var a = Json(await emu.InvokeAsync("""{"action":"trace"}""", Timeout, first));
        var b = Json(await emu.InvokeAsync("""{"action":"trace"}""", Timeout, second));

        Assert.Equal(first, a.GetProperty("traceEnv").GetString());
        Assert.Equal(first, a.GetProperty("traceContext").GetString());
        Assert.Equal(second, b.GetProperty("traceEnv").GetString());
    }

    [Fact]
    public async Task After_response_work_runs_after_the_response_and_before_the_next_next()
    {
        await using var emu = await TestFunction.StartAsync(("TEST_FUNCTION_MARK", "1"));

        var first = await emu.InvokeAsync("""{"action":"echo"}""", Timeout);
        var second = await emu.InvokeAsync("""{"action":"throw"}""", Timeout);
        await emu.InvokeAsync("""{"action":"echo"}""", Timeout);

        Assert.Equal(LambdaInvocationStatus.Success, first.Status);
        var kinds = emu.Journal.Select(c => c.RequestId is null ? c.Kind : $"{c.Kind} {c.RequestId}").ToList();
        Assert.Equal(
        [
            "next", $"response {first.RequestId}", "mark:after-response-begin", "mark:after-response-end",
            "next", $"error {second.RequestId}", "mark:after-response-begin", "mark:after-response-end",
            "next",
        ], kinds.Take(9));
    }

    [Fact]
    public async Task An_init_failure_is_posted_to_init_error_and_the_process_exits_non_zero()
    {
        await using var emu = await LambdaEmulator.StartAsync(TestFunction.Dll,
            new Dictionary<string, string?> { ["TEST_FUNCTION_INIT_FAIL"] = "1" });

        var exitCode = await emu.Exited.WaitAsync(Timeout);
        var result = await emu.InvokeAsync("""{"action":"echo"}""", Timeout);

        Assert.Equal(LambdaBootstrap.InitFailedExitCode, exitCode);
        Assert.NotNull(emu.InitFailure);
        Assert.Equal("InvalidOperationException", emu.InitFailure.ErrorType);
        Assert.Equal("test function: configured to fail init",
            JsonDocument.Parse(emu.InitFailure.Body).RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(LambdaInvocationStatus.InitError, result.Status);
        Assert.DoesNotContain(emu.Journal, c => c.Kind == RuntimeApiCall.Next);
    }

    [Fact]
    public async Task Api_gateway_events_go_through_the_adapter_in_the_real_loop()
    {
        await using var emu = await TestFunction.StartAsync();

        var echo = await emu.InvokeAsync(ApiGatewayEvents.Request("GET", "/v1/packages/{ecosystem}/{name+}", "/v1/packages/npm/%40types%2Fnode",
            new Dictionary<string, string> { ["ecosystem"] = "npm", ["name"] = "%40types%2Fnode" },
            headers: new Dictionary<string, string[]> { ["X-API-Key"] = ["k1"] }), Timeout);
        var binary = await emu.InvokeAsync(ApiGatewayEvents.Request("GET", "/binary", "/binary"), Timeout);

        var (status, headers, body, _) = ApiGatewayEvents.Response(echo.PayloadText);
        Assert.Equal(200, status);
        Assert.Equal("1", headers["x-echo"]);
        var request = JsonDocument.Parse(body).RootElement;
        Assert.Equal("@types/node", request.GetProperty("pathParameters").GetProperty("name").GetString());
        Assert.Equal("k1", request.GetProperty("xApiKey").GetString());

        var (_, _, bytes, base64) = ApiGatewayEvents.Response(binary.PayloadText);
        Assert.True(base64);
        Assert.Equal(new byte[] { 0xFF, 0x00, 0xFE, 0x80 }, bytes);
    }
}
