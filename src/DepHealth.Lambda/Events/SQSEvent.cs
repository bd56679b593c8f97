using System.Text.Json.Serialization;

namespace DepHealth.Lambda.Events;

/// <summary>A batch of SQS messages delivered to a Lambda event source mapping.</summary>
public sealed class SQSEvent
{
    [JsonPropertyName("Records")] public List<SQSMessage> Records { get; set; } = [];
}

/// <summary>One SQS message of an <see cref="SQSEvent"/>.</summary>
public sealed class SQSMessage
{
    [JsonPropertyName("messageId")] public string? MessageId { get; set; }
    [JsonPropertyName("receiptHandle")] public string? ReceiptHandle { get; set; }
    [JsonPropertyName("body")] public string? Body { get; set; }
    [JsonPropertyName("md5OfBody")] public string? Md5OfBody { get; set; }
    /// <summary>System attributes: ApproximateReceiveCount, SentTimestamp, MessageGroupId, …</summary>
    [JsonPropertyName("attributes")] public Dictionary<string, string>? Attributes { get; set; }
    [JsonPropertyName("messageAttributes")] public Dictionary<string, SQSMessageAttribute>? MessageAttributes { get; set; }
    [JsonPropertyName("eventSource")] public string? EventSource { get; set; }
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; set; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; set; }
}

/// <summary>A user-defined SQS message attribute.</summary>
public sealed class SQSMessageAttribute
{
    [JsonPropertyName("stringValue")] public string? StringValue { get; set; }
    [JsonPropertyName("binaryValue")] public string? BinaryValue { get; set; }
    [JsonPropertyName("stringListValues")] public List<string>? StringListValues { get; set; }
    [JsonPropertyName("binaryListValues")] public List<string>? BinaryListValues { get; set; }
    [JsonPropertyName("dataType")] public string? DataType { get; set; }
}
