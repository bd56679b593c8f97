namespace DepHealth.Lambda.Sqs;

/// <summary>What became of one message of a batch: whether SQS must deliver it again, and a short reason for the log.</summary>
public readonly record struct SqsMessageResult(bool Retry, string? Detail = null)
{
    public static SqsMessageResult Done { get; } = new(false);
}
