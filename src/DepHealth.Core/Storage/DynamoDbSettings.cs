namespace DepHealth.Core.Storage;

/// <summary>
/// Where DynamoDB is and which tables to use, read from the environment:
/// <c>DYNAMODB_ENDPOINT</c> (local endpoint, optional), <c>AWS_REGION</c> (default us-east-1),
/// <c>PACKAGES_TABLE</c>, <c>API_KEYS_TABLE</c>.
/// </summary>
public sealed record DynamoDbSettings
{
    public const string DefaultPackagesTable = "dephealth-packages";
    public const string DefaultApiKeysTable = "dephealth-api-keys";
    public const string DefaultRegion = "us-east-1";

    /// <summary>A local endpoint such as <c>http://127.0.0.1:8000</c>; null means the real regional endpoint.</summary>
    public string? ServiceUrl { get; init; }
    public string Region { get; init; } = DefaultRegion;
    public string PackagesTable { get; init; } = DefaultPackagesTable;
    public string ApiKeysTable { get; init; } = DefaultApiKeysTable;
    /// <summary>Per-request timeout of the SDK's HTTP calls.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>The SDK's own retries of throttling and 5xx errors.</summary>
    public int MaxErrorRetry { get; init; } = 3;

    /// <summary>Reads the settings from environment variables (or any lookup, for tests) and validates them.</summary>
    public static DynamoDbSettings FromEnvironment(Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        var settings = new DynamoDbSettings
        {
            ServiceUrl = Clean(lookup("DYNAMODB_ENDPOINT")),
            Region = Clean(lookup("AWS_REGION")) ?? Clean(lookup("AWS_DEFAULT_REGION")) ?? DefaultRegion,
            PackagesTable = Clean(lookup("PACKAGES_TABLE")) ?? DefaultPackagesTable,
            ApiKeysTable = Clean(lookup("API_KEYS_TABLE")) ?? DefaultApiKeysTable,
        };
        settings.Validate();
        return settings;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (ServiceUrl is not null &&
            (!Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https")))
            throw new ArgumentException($"DYNAMODB_ENDPOINT must be an absolute http(s) URL, got '{ServiceUrl}'.");
        ValidateTableName(PackagesTable, "PACKAGES_TABLE");
        ValidateTableName(ApiKeysTable, "API_KEYS_TABLE");
        if (string.IsNullOrWhiteSpace(Region))
            throw new ArgumentException("AWS_REGION must not be empty.");
        if (RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentException("RequestTimeout must be positive.");
        if (MaxErrorRetry is < 0 or > 10)
            throw new ArgumentException("MaxErrorRetry must be between 0 and 10.");
    }

    // DynamoDB's rule: 3-255 characters of [a-zA-Z0-9_.-].
    private static void ValidateTableName(string name, string variable)
    {
        if (name.Length is < 3 or > 255 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            throw new ArgumentException($"{variable} must be 3-255 characters of letters, digits, '_', '-', '.', got '{name}'.");
    }
}
