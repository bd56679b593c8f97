using System.Text;

namespace DepHealth.Emulator.Lambda;

/// <summary>How an emulated invocation ended.</summary>
public enum LambdaInvocationStatus
{
    /// <summary>The runtime posted invocation/{id}/response.</summary>
    Success,
    /// <summary>The runtime posted invocation/{id}/error.</summary>
    Error,
    /// <summary>The runtime posted init/error before answering.</summary>
    InitError,
    /// <summary>No answer before the deadline plus the emulator's grace period.</summary>
    Timeout,
    /// <summary>The bootstrap process exited without answering.</summary>
    ProcessExited,
}

/// <summary>The outcome of one emulated invocation, with its timings.</summary>
public sealed record LambdaInvocationResult(
    LambdaInvocationStatus Status,
    string RequestId,
    byte[] Payload,
    string? ErrorType,
    TimeSpan Duration,
    TimeSpan SinceProcessStart)
{
    public string PayloadText => Encoding.UTF8.GetString(Payload);
    public bool IsSuccess => Status == LambdaInvocationStatus.Success;
}
