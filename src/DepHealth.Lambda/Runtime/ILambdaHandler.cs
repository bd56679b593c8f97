namespace DepHealth.Lambda.Runtime;

/// <summary>Handles one invocation's raw event and returns the raw response JSON.</summary>
public interface ILambdaHandler
{
    /// <summary>Handles the event; <paramref name="cancellationToken"/> fires shortly before the deadline.</summary>
    ValueTask<ReadOnlyMemory<byte>> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken);
}
