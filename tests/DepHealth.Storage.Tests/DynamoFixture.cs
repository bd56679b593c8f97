using Amazon.DynamoDBv2;
using DepHealth.Core.Storage;
using DepHealth.Testing;

namespace DepHealth.Storage.Tests;

/// <summary>
/// One dynalite per test class, with the tables created by the real provisioner and a <see cref="LatencyProxy"/>
/// (no added latency unless a test sets it) through which every request of <see cref="ProxiedClients"/> goes.
/// </summary>
public sealed class DynamoFixture : IAsyncLifetime
{
    public DynaliteProcess Dynalite { get; private set; } = null!;
    public LatencyProxy Proxy { get; private set; } = null!;
    public DynamoDbSettings Settings { get; private set; } = null!;
    /// <summary>Straight to dynalite (setup and inspection).</summary>
    public DynamoDbClientProvider Direct { get; private set; } = null!;
    /// <summary>Through the proxy (the code under test, when a test counts or rewrites requests).</summary>
    public DynamoDbClientProvider ProxiedClients { get; private set; } = null!;

    public IAmazonDynamoDB Client => Direct.Client;

    public async Task InitializeAsync()
    {
        Dynalite = await DynaliteProcess.StartAsync();
        Proxy = await LatencyProxy.StartAsync(Dynalite.Endpoint);
        Settings = DynamoDbSettings.FromEnvironment(name => name switch
        {
            "DYNAMODB_ENDPOINT" => Dynalite.Endpoint,
            "PACKAGES_TABLE" => "test-packages",
            "API_KEYS_TABLE" => "test-api-keys",
            _ => null,
        }) with
        {
            MaxErrorRetry = 0,
            // A loaded 2-core CI machine can stall single-threaded dynalite for seconds; a timeout here
            // would make fail-closed limiters refuse and the exactness tests flake.
            RequestTimeout = TimeSpan.FromSeconds(60),
        };
        Direct = new DynamoDbClientProvider(Settings);
        ProxiedClients = new DynamoDbClientProvider(Settings with { ServiceUrl = Proxy.Endpoint });
        await new TableProvisioner(Direct).EnsureTablesAsync();
    }

    public async Task DisposeAsync()
    {
        Direct.Dispose();
        ProxiedClients.Dispose();
        await Proxy.DisposeAsync();
        await Dynalite.DisposeAsync();
    }
}
