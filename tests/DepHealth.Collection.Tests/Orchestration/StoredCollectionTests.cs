using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Orchestration;

/// <summary>Collect → score → conditional write, through the real store on dynalite.</summary>
public sealed class StoredCollectionTests : IAsyncLifetime
{
    private DynaliteProcess _dynalite = null!;
    private DynamoDbClientProvider _clients = null!;
    private UpstreamWorld _world = null!;

    public async Task InitializeAsync()
    {
        _dynalite = await DynaliteProcess.StartAsync();
        _clients = new DynamoDbClientProvider(DynamoDbSettings.FromEnvironment(name => name switch
        {
            "DYNAMODB_ENDPOINT" => _dynalite.Endpoint,
            "PACKAGES_TABLE" => "collection-packages",
            "API_KEYS_TABLE" => "collection-api-keys",
            _ => null,
        }) with { MaxErrorRetry = 0 });
        await new TableProvisioner(_clients).EnsureTablesAsync();
        _world = await UpstreamWorld.StartAsync();
        _world.MapChalk();
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        _clients.Dispose();
        await _dynalite.DisposeAsync();
    }

    [Fact]
    public async Task Stores_a_scored_record_reuses_its_etags_and_never_lets_an_older_collection_win()
    {
        var store = new DynamoPackageStore(_clients);
        var now = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T12:00:00Z"));
        using var client = new UpstreamClient(_world.Urls, new CollectionSettings(), now);

        var first = await PackageCollector.WithScoring(client, store).CollectAndStoreAsync(new CollectionRequest(Ecosystem.Npm, "chalk"));
        Assert.Equal(WriteOutcome.Written, first.Write);
        var stored = await store.GetAsync(new PackageKey("npm", "chalk"));
        Assert.NotNull(stored);
        Assert.NotNull(stored.HealthScore);
        Assert.NotNull(stored.RiskLevel);
        Assert.Equal("complete", stored.DataStatus);
        Assert.Equal(5, stored.GitHubEtags!.Count);

        // A later collection sends the stored ETags: GitHub answers 304 and the values are kept.
        now.Advance(TimeSpan.FromHours(1));
        var second = await PackageCollector.WithScoring(client, store).CollectAndStoreAsync(new CollectionRequest(Ecosystem.Npm, "chalk"));
        Assert.Equal(WriteOutcome.Written, second.Write);
        Assert.Equal(stored.Commits90d, second.Record.Commits90d);
        Assert.Equal(5, _world.Server.Requests.Count(r => r.PathAndQuery.StartsWith("/github/", StringComparison.Ordinal) && r.Headers.ContainsKey("If-None-Match")));

        // A slower collector that started earlier finishes now: it must not overwrite the newer record.
        var earlier = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T12:30:00Z"));
        using var slowClient = new UpstreamClient(_world.Urls, new CollectionSettings(), earlier);
        var stale = await PackageCollector.WithScoring(slowClient, store).CollectAndStoreAsync(new CollectionRequest(Ecosystem.Npm, "chalk"));
        Assert.Equal(WriteOutcome.RejectedAsOlder, stale.Write);
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T13:00:00Z"), (await store.GetAsync(new PackageKey("npm", "chalk")))!.CollectedAt);
    }
}
