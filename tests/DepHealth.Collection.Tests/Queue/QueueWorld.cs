using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Collection.Resilience;
using DepHealth.Core.Storage;
using DepHealth.Emulator.Upstream;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Queue;

/// <summary>
/// One dynalite (real DynamoDB protocol) and one upstream emulator for a test class; the emulator's data clock and
/// the collectors' clock are one <see cref="FakeTimeProvider"/>, so the dedup window is moved by advancing it.
/// Tests use distinct package names, so they do not see each other's records.
/// </summary>
public sealed class QueueWorld : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    public DynaliteProcess Dynalite { get; private set; } = null!;
    public DynamoDbClientProvider Clients { get; private set; } = null!;
    public DynamoPackageStore Store { get; private set; } = null!;
    public UpstreamEmulator Upstream { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Dynalite = await DynaliteProcess.StartAsync();
        Clients = new DynamoDbClientProvider(DynamoDbSettings.FromEnvironment(name => name switch
        {
            "DYNAMODB_ENDPOINT" => Dynalite.Endpoint,
            "PACKAGES_TABLE" => "queue-packages",
            "API_KEYS_TABLE" => "queue-api-keys",
            _ => null,
        }) with { MaxErrorRetry = 0, RequestTimeout = TimeSpan.FromSeconds(60) });
        await new TableProvisioner(Clients).EnsureTablesAsync();
        Store = new DynamoPackageStore(Clients, null, Time);
        Upstream = await UpstreamEmulator.StartAsync(new UpstreamEmulatorOptions { SyntheticPackagesPerEcosystem = 20, Clock = Time });
    }

    public async Task DisposeAsync()
    {
        await Upstream.DisposeAsync();
        Clients.Dispose();
        await Dynalite.DisposeAsync();
    }

    public UpstreamOptions Urls() => UpstreamOptions.FromBaseUrlVariables(Upstream.BaseUrls.EnvironmentVariables);

    /// <summary>A processor over a fresh client (its own circuits), with no upstream retries: a failure shows at once on a fake clock.</summary>
    public (CollectionProcessor Processor, UpstreamClient Client) Processor(CollectionProcessorOptions? options = null)
    {
        var settings = new CollectionSettings();
        foreach (var upstream in Upstreams.All)
            settings.Resilience[upstream] = new UpstreamResilienceOptions { MaxRetryAttempts = 0 };
        var client = new UpstreamClient(Urls(), settings, Time);
        return (new CollectionProcessor(PackageCollector.WithScoring(client, Store), Store, Time, options), client);
    }
}
