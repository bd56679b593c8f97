namespace DepHealth.Cli.Api;

/// <summary>The API answered with an error status (<see cref="StatusCode"/>), or could not be reached (status 0).</summary>
public sealed class ApiException(int statusCode, string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;
    /// <summary>The API's <c>error.code</c>, or <c>unreachable</c> / <c>invalid_response</c> for client-side failures.</summary>
    public string Code { get; } = code;
}
