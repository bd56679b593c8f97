namespace DepHealth.Lambda.Runtime;

/// <summary>Exports the current invocation's trace header where the AWS SDK and X-Ray look for it.</summary>
public static class TraceEnvironment
{
    public static void Set(string? traceId) =>
        Environment.SetEnvironmentVariable(RuntimeApiHeaders.TraceIdVariable, string.IsNullOrEmpty(traceId) ? null : traceId);
}
