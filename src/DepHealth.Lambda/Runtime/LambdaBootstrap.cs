using DepHealth.Core.Api;

namespace DepHealth.Lambda.Runtime;

/// <summary>
/// The runtime loop: initialise the function once, then next → handle → response (or error) → after-response
/// work, until the Runtime API goes away. A failing invocation fails alone; a failing init is reported and exits.
/// </summary>
public sealed class LambdaBootstrap
{
    /// <summary>Exit code after a reported init failure.</summary>
    public const int InitFailedExitCode = 1;
    /// <summary>Exit code when the Runtime API answered 500 or became unreachable.</summary>
    public const int RuntimeApiFailedExitCode = 2;

    private readonly RuntimeApiClient _client;
    private readonly LambdaRuntimeOptions _options;

    public LambdaBootstrap(RuntimeApiClient client, LambdaRuntimeOptions? options = null)
    {
        _client = client;
        _options = options ?? new LambdaRuntimeOptions();
    }

    /// <summary>Runs a function against the Runtime API named by AWS_LAMBDA_RUNTIME_API; returns the exit code.</summary>
    public static async Task<int> RunAsync(Func<LambdaFunction> initialize, LambdaRuntimeOptions? options = null)
    {
        using var client = RuntimeApiClient.FromEnvironment(options?.TimeProvider);
        return await new LambdaBootstrap(client, options)
            .RunAsync(_ => ValueTask.FromResult(initialize())).ConfigureAwait(false);
    }

    /// <summary>Initialises, then serves invocations until <paramref name="stop"/> fires or the Runtime API fails.</summary>
    public async Task<int> RunAsync(Func<CancellationToken, ValueTask<LambdaFunction>> initialize, CancellationToken stop = default)
    {
        LambdaFunction function;
        try
        {
            function = await initialize(stop).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _options.Log.WriteLine($"init failed: {e}");
            try
            {
                await _client.ReportInitErrorAsync(LambdaErrorFormatter.FromException(e), stop).ConfigureAwait(false);
            }
            catch (Exception report)
            {
                _options.Log.WriteLine($"could not report the init failure: {report.Message}");
            }
            return InitFailedExitCode;
        }

        while (!stop.IsCancellationRequested)
        {
            try
            {
                await InvokeOnceAsync(function, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpRequestException or RuntimeApiException { IsFatal: true })
            {
                _options.Log.WriteLine($"runtime API failed, exiting: {e.Message}");
                return RuntimeApiFailedExitCode;
            }
            catch (RuntimeApiException e)
            {
                // A 4xx about one invocation (unknown id, refused error body): that invocation is lost, the runtime is not.
                _options.Log.WriteLine(e.Message);
            }
        }
        return 0;
    }

    /// <summary>Takes one invocation, answers it, then runs the after-response work before returning.</summary>
    public async Task InvokeOnceAsync(LambdaFunction function, CancellationToken stop = default)
    {
        var invocation = await _client.GetNextInvocationAsync(stop).ConfigureAwait(false);
        var context = invocation.Context;
        TraceEnvironment.Set(context.TraceId);

        using (var deadline = DeadlineCancellation.Create(context.Deadline, _options.DeadlineMargin, _options.TimeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stop))
        {
            ReadOnlyMemory<byte> response = default;
            LambdaError? error = null;
            try
            {
                response = await function.Handler.InvokeAsync(invocation, linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                _options.Log.WriteLine($"invocation {context.AwsRequestId} failed: {e}");
                error = LambdaErrorFormatter.FromException(e, deadline.IsCancellationRequested);
            }

            if (error is null)
                await SendResponseAsync(context.AwsRequestId, response, stop).ConfigureAwait(false);
            else
                await _client.ReportInvocationErrorAsync(context.AwsRequestId, error, stop).ConfigureAwait(false);
        }

        await RunAfterResponseAsync(function.AfterResponse, stop).ConfigureAwait(false);
    }

    private async Task SendResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken stop)
    {
        try
        {
            await _client.SendResponseAsync(requestId, response, stop).ConfigureAwait(false);
        }
        catch (RuntimeApiException e) when (!e.IsFatal)
        {
            // 400/413: the response was refused (too large, bad id). Tell the caller instead of leaving it hanging.
            _options.Log.WriteLine($"invocation {requestId}: {e.Message}");
            await _client.ReportInvocationErrorAsync(requestId,
                new LambdaError(e.Message, "Runtime.ResponseRejected"), stop).ConfigureAwait(false);
        }
    }

    private async Task RunAfterResponseAsync(IAfterResponseWork? work, CancellationToken stop)
    {
        if (work is null)
            return;
        using var timeout = new CancellationTokenSource(_options.AfterResponseTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stop);
        try
        {
            await work.RunAfterResponseAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            // The response is already delivered; the work's own owner decides what a failure means (e.g. retry later).
            _options.Log.WriteLine($"after-response work failed: {e.Message}");
        }
    }
}
