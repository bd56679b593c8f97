namespace DepHealth.Core.Collection.Queue;

/// <summary>
/// Where the SQS collection queue is, read from the environment: <c>COLLECTION_QUEUE_URL</c> (required),
/// <c>SQS_ENDPOINT</c> (a local or fake endpoint, optional), <c>AWS_REGION</c> (default us-east-1).
/// </summary>
public sealed record SqsQueueSettings
{
    public required string QueueUrl { get; init; }

    /// <summary>A non-AWS endpoint such as <c>http://127.0.0.1:9324</c>; null means the regional endpoint.</summary>
    public string? ServiceUrl { get; init; }
    public string Region { get; init; } = "us-east-1";
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The SDK's own retries of throttling and 5xx errors.</summary>
    public int MaxErrorRetry { get; init; } = 3;

    /// <summary>SendMessageBatch calls (10 messages each) in flight at once.</summary>
    public int MaxConcurrentBatches { get; init; } = 4;

    /// <summary>The settings from environment variables (or any lookup), or null when <c>COLLECTION_QUEUE_URL</c> is not set.</summary>
    public static SqsQueueSettings? FromEnvironment(Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        if (Clean(lookup("COLLECTION_QUEUE_URL")) is not { } url)
            return null;
        var settings = new SqsQueueSettings
        {
            QueueUrl = url,
            ServiceUrl = Clean(lookup("SQS_ENDPOINT")),
            Region = Clean(lookup("AWS_REGION")) ?? Clean(lookup("AWS_DEFAULT_REGION")) ?? "us-east-1",
        };
        settings.Validate();
        return settings;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!IsHttpUrl(QueueUrl))
            throw new ArgumentException($"COLLECTION_QUEUE_URL must be an absolute http(s) URL, got '{QueueUrl}'.");
        if (ServiceUrl is not null && !IsHttpUrl(ServiceUrl))
            throw new ArgumentException($"SQS_ENDPOINT must be an absolute http(s) URL, got '{ServiceUrl}'.");
        if (string.IsNullOrWhiteSpace(Region))
            throw new ArgumentException("AWS_REGION must not be empty.");
        if (RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentException("RequestTimeout must be positive.");
        if (MaxErrorRetry is < 0 or > 10)
            throw new ArgumentException("MaxErrorRetry must be between 0 and 10.");
        if (MaxConcurrentBatches is < 1 or > 64)
            throw new ArgumentException("MaxConcurrentBatches must be between 1 and 64.");
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
