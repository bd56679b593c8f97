using Amazon.DynamoDBv2;
using DepHealth.Core.Http;

namespace DepHealth.Core.Storage;

/// <summary>
/// Creates the DynamoDB client on first use (nothing at construction, for cold starts) and shares it: one client
/// per provider, over the process-wide pooled HTTP handler.
/// </summary>
public sealed class DynamoDbClientProvider : IDisposable
{
    private readonly Lazy<IAmazonDynamoDB> _client;

    public DynamoDbClientProvider(DynamoDbSettings settings)
    {
        settings.Validate();
        Settings = settings;
        _client = new Lazy<IAmazonDynamoDB>(() => Create(settings), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Wraps an existing client (tests, or a host that built its own).</summary>
    public DynamoDbClientProvider(DynamoDbSettings settings, IAmazonDynamoDB client)
    {
        Settings = settings;
        _client = new Lazy<IAmazonDynamoDB>(client);
    }

    public DynamoDbSettings Settings { get; }

    public IAmazonDynamoDB Client => _client.Value;

    public bool IsCreated => _client.IsValueCreated;

    /// <summary>Builds a low-level client for the settings; callers own it.</summary>
    public static AmazonDynamoDBClient Create(DynamoDbSettings settings)
    {
        var config = AwsClientSetup.Configure(new AmazonDynamoDBConfig(), settings.ServiceUrl, settings.Region,
            settings.RequestTimeout, settings.MaxErrorRetry);
        return AwsClientSetup.LocalCredentials(settings.ServiceUrl) is { } local
            ? new AmazonDynamoDBClient(local, config)
            : new AmazonDynamoDBClient(config);
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
            _client.Value.Dispose();
    }
}
