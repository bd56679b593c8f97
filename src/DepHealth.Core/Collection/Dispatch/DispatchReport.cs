using System.Text.Json.Serialization;

namespace DepHealth.Core.Collection.Dispatch;

/// <summary>What one dispatcher run did: the function's response and its log line.</summary>
public sealed record DispatchReport
{
    /// <summary>"refresh" or "retry".</summary>
    [JsonPropertyName("dispatcher")] public required string Dispatcher { get; init; }
    [JsonPropertyName("tier")] public int? Tier { get; init; }
    [JsonPropertyName("reason")] public required string Reason { get; init; }
    /// <summary>Packages the indexes returned as due.</summary>
    [JsonPropertyName("found")] public int Found { get; init; }
    /// <summary>Messages the queue accepted.</summary>
    [JsonPropertyName("dispatched")] public int Dispatched { get; init; }
    /// <summary>Found but not sent by choice: retry limit reached, recently dispatched, or claimed by another run.</summary>
    [JsonPropertyName("skipped")] public int Skipped { get; init; }
    /// <summary>Messages the queue refused; they are found again by the next run.</summary>
    [JsonPropertyName("errors")] public int Errors { get; init; }
    /// <summary>True when the run stopped early (deadline): the rest are found by the next run.</summary>
    [JsonPropertyName("incomplete")] public bool Incomplete { get; init; }
}
