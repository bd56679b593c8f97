using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Collection.Resilience;
using DepHealth.Core.Storage;
using DepHealth.Emulator.Upstream;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Lambda.Tests.Collection;

/// <summary>
/// What the collection functions run against in-process: dynalite with the tables, the upstream emulator, a loopback
/// SQS fake, and one <see cref="FakeTimeProvider"/> for the collectors, the dedup window and the dispatchers.
/// </summary>
public sealed class CollectionStack : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
    public DynaliteProcess Dynalite { get; private set; } = null!;
    public DynamoDbClientProvider Clients { get; private set; } = null!;
    public DynamoPackageStore Store { get; private set; } = null!;
    public UpstreamEmulator Upstream { get; private set; } = null!;
    public FakeSqs Sqs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Dynalite = await DynaliteProcess.StartAsync();
        Clients = new DynamoDbClientProvider(new DynamoDbSettings
        {
            ServiceUrl = Dynalite.Endpoint, PackagesTable = "functions-packages", ApiKeysTable = "functions-keys",
            MaxErrorRetry = 0, RequestTimeout = TimeSpan.FromSeconds(60),
        });
        await new TableProvisioner(Clients).EnsureTablesAsync();
        Store = new DynamoPackageStore(Clients, null, Time);
        Upstream = await UpstreamEmulator.StartAsync(new UpstreamEmulatorOptions { SyntheticPackagesPerEcosystem = 10, Clock = Time });
        Sqs = await FakeSqs.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Sqs.DisposeAsync();
        await Upstream.DisposeAsync();
        Clients.Dispose();
        await Dynalite.DisposeAsync();
    }

    /// <summary>Core's processor over the emulator (no upstream retries, so a failure shows at once on the fake clock).</summary>
    public (CollectionProcessor Processor, UpstreamClient Client) Processor()
    {
        var urls = UpstreamOptions.FromBaseUrlVariables(Upstream.BaseUrls.EnvironmentVariables);
        var settings = new CollectionSettings();
        foreach (var upstream in Upstreams.All)
            settings.Resilience[upstream] = new UpstreamResilienceOptions { MaxRetryAttempts = 0 };
        var client = new UpstreamClient(urls, settings, Time);
        return (new CollectionProcessor(PackageCollector.WithScoring(client, Store), Store, Time), client);
    }

    public SqsCollectionQueue Queue() => new(new SqsQueueSettings { QueueUrl = Sqs.QueueUrl, ServiceUrl = Sqs.Endpoint }, Time);
}
