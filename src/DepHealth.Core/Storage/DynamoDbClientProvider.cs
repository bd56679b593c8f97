using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

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
        var config = new AmazonDynamoDBConfig
        {
            HttpClientFactory = SharedHttpClientFactory.Instance,
            Timeout = settings.RequestTimeout,
            MaxErrorRetry = settings.MaxErrorRetry,
        };
        if (settings.ServiceUrl is not null)
        {
            config.ServiceURL = settings.ServiceUrl;
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        // A local endpoint accepts any signature: don't make developers export fake credentials.
        var hasEnvCredentials = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"));
        return settings.ServiceUrl is not null && !hasEnvCredentials
            ? new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), config)
            : new AmazonDynamoDBClient(config);
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
            _client.Value.Dispose();
    }
}
