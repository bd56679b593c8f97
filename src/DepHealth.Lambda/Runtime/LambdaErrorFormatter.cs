namespace DepHealth.Lambda.Runtime;

/// <summary>Formats an exception as Lambda's error document: message, type name and stack frames, inner exceptions last.</summary>
public static class LambdaErrorFormatter
{
    /// <summary>Error type reported when a handler gave up because the deadline's cancellation fired.</summary>
    public const string TimeoutErrorType = "Runtime.DeadlineExceeded";

    public static LambdaError FromException(Exception exception, bool deadlineExpired = false)
    {
        var type = deadlineExpired && exception is OperationCanceledException
            ? TimeoutErrorType
            : exception.GetType().Name;
        return new LambdaError(exception.Message, type, StackFrames(exception));
    }

    private static IReadOnlyList<string>? StackFrames(Exception exception)
    {
        var frames = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (!ReferenceEquals(e, exception))
                frames.Add($"--- inner {e.GetType().Name}: {e.Message}");
            if (e.StackTrace is { } trace)
                foreach (var line in trace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    frames.Add(line);
        }
        return frames.Count == 0 ? null : frames;
    }
}
