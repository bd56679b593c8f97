namespace DepHealth.Lambda.Runtime;

/// <summary>One invocation taken from the Runtime API: its context and the raw event JSON.</summary>
public sealed record LambdaInvocation(InvocationContext Context, ReadOnlyMemory<byte> Payload);
