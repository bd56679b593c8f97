namespace DepHealth.Lambda.Runtime;

/// <summary>What Lambda tells the function about one invocation (from the <c>next</c> response headers).</summary>
public sealed class InvocationContext
{
    private readonly TimeProvider _time;

    public InvocationContext(string awsRequestId, DateTimeOffset deadline, string? invokedFunctionArn, string? traceId,
        TimeProvider? timeProvider = null)
    {
        AwsRequestId = awsRequestId;
        Deadline = deadline;
        InvokedFunctionArn = invokedFunctionArn;
        TraceId = traceId;
        _time = timeProvider ?? TimeProvider.System;
    }

    public string AwsRequestId { get; }
    /// <summary>When Lambda stops the invocation (Lambda-Runtime-Deadline-Ms).</summary>
    public DateTimeOffset Deadline { get; }
    public string? InvokedFunctionArn { get; }
    /// <summary>The X-Ray trace header, also exported as <c>_X_AMZN_TRACE_ID</c> while the invocation runs.</summary>
    public string? TraceId { get; }

    public TimeSpan RemainingTime => Deadline - _time.GetUtcNow();
}
