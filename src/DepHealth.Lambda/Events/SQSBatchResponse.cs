using System.Text.Json.Serialization;

namespace DepHealth.Lambda.Events;

/// <summary>Partial batch response: the messages to retry; all others of the batch are deleted.</summary>
public sealed class SQSBatchResponse
{
    [JsonPropertyName("batchItemFailures")] public List<SQSBatchItemFailure> BatchItemFailures { get; set; } = [];
}

/// <summary>One failed message of a batch, by message id.</summary>
public sealed class SQSBatchItemFailure
{
    [JsonPropertyName("itemIdentifier")] public string ItemIdentifier { get; set; } = "";
}
