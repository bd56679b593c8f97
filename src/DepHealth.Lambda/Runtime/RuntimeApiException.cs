using System.Net;

namespace DepHealth.Lambda.Runtime;

/// <summary>The Runtime API answered with an unexpected status; a 500 means the runtime must exit.</summary>
public sealed class RuntimeApiException(string operation, HttpStatusCode status, string body)
    : Exception($"Runtime API {operation} answered {(int)status}: {body}")
{
    public HttpStatusCode Status { get; } = status;
    /// <summary>The Runtime API documents 500 as a non-recoverable container error.</summary>
    public bool IsFatal => (int)Status >= 500;
}
