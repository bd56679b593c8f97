using System.Text.Json.Serialization;

namespace DepHealth.Core.Scoring;

/// <summary>A line of batch scoring input that could not be scored: <c>{"line":N,"error":{"code","message"}}</c>.</summary>
public sealed record ScoreLineError(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("error")] ScoreError Error);

/// <summary>The <c>{"code","message"}</c> body of an error.</summary>
public sealed record ScoreError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);
