using System.Text.Json.Serialization;

namespace DepHealth.Lambda.Runtime;

/// <summary>Lambda's standard error document: what the Runtime API accepts on <c>error</c> and <c>init/error</c>.</summary>
public sealed record LambdaError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string>? StackTrace = null);
