using DepHealth.Core.Auth;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Testing;

namespace DepHealth.Bench.Harness;

/// <summary>
/// dynalite behind <see cref="LatencyProxy"/> (a stand-in for DynamoDB's network round trip), with the tables, stored
/// packages and one Business-tier key. Seeding runs without the added latency; it is switched on afterwards.
/// </summary>
public sealed class ProxiedDynamo : IAsyncDisposable
{
    private ProxiedDynamo(DynaliteProcess dynalite, LatencyProxy proxy, DynamoDbClientProvider clients, string key)
    {
        Dynalite = dynalite;
        Proxy = proxy;
        Clients = clients;
        Key = key;
    }

    public DynaliteProcess Dynalite { get; }
    public LatencyProxy Proxy { get; }
    public DynamoDbClientProvider Clients { get; }
    public string Key { get; }

    public static async Task<ProxiedDynamo> StartAsync(TimeSpan latency, IEnumerable<PackageRecord> records)
    {
        var dynalite = await DynaliteProcess.StartAsync();
        var proxy = await LatencyProxy.StartAsync(dynalite.Endpoint, TimeSpan.Zero);
        var clients = new DynamoDbClientProvider(new DynamoDbSettings { ServiceUrl = proxy.Endpoint });
        await new TableProvisioner(clients).EnsureTablesAsync();
        var store = new DynamoPackageStore(clients);
        await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (record, ct) => await store.PutAsync(record, ct));
        var key = (await new ApiKeyIssuer(clients).CreateAsync("bench-user", Tiers.Business)).RawKey;
        proxy.Latency = latency;
        return new ProxiedDynamo(dynalite, proxy, clients, key);
    }

    public async ValueTask DisposeAsync()
    {
        Clients.Dispose();
        await Proxy.DisposeAsync();
        await Dynalite.DisposeAsync();
    }
}
