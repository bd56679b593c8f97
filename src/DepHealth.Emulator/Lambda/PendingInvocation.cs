using System.Diagnostics;

namespace DepHealth.Emulator.Lambda;

/// <summary>An invocation queued for the runtime, and the completion its caller awaits.</summary>
internal sealed class PendingInvocation(string requestId, byte[] payload, DateTimeOffset deadline, string traceId)
{
    public string RequestId { get; } = requestId;
    public byte[] Payload { get; } = payload;
    public DateTimeOffset Deadline { get; } = deadline;
    public string TraceId { get; } = traceId;
    public long EnqueuedAt { get; } = Stopwatch.GetTimestamp();

    public TaskCompletionSource<(LambdaInvocationStatus Status, byte[] Body, string? ErrorType, long At)> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool TryComplete(LambdaInvocationStatus status, byte[] body, string? errorType) =>
        Completion.TrySetResult((status, body, errorType, Stopwatch.GetTimestamp()));
}
