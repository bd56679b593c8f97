using System.Collections.Concurrent;
using DepHealth.Core.Api;
using DepHealth.Core.Auth;
using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Collection.Resilience;
using DepHealth.Core.Storage;
using DepHealth.Emulator.Upstream;
using DepHealth.Server;
using DepHealth.Server.Collection;
using DepHealth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Api.Tests.Http;

/// <summary>
/// The server as <c>scripts/run</c> wires it (Kestrel on loopback, dynalite, the in-process queue and collection
/// worker) collecting from the upstream emulator; one <see cref="FakeTimeProvider"/> drives the API, the collectors,
/// the dedup window and the emulator's data. Tests use distinct package names.
/// </summary>
public sealed class LocalCollectionFixture : IAsyncLifetime
{
    private DynaliteProcess _dynalite = null!;
    private WebApplication _web = null!;
    private readonly ConcurrentDictionary<PackageKey, ConcurrentQueue<TaskCompletionSource<CollectionOutcome>>> _waiters = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    public DynamoDbClientProvider Clients { get; private set; } = null!;
    public UpstreamEmulator Upstream { get; private set; } = null!;
    public LocalCollection Collection { get; private set; } = null!;
    public ApiApplication Api { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string Key { get; private set; } = "";
    public StringWriter Log { get; } = new();

    public async Task InitializeAsync()
    {
        _dynalite = await DynaliteProcess.StartAsync();
        Clients = new DynamoDbClientProvider(new DynamoDbSettings
        {
            ServiceUrl = _dynalite.Endpoint,
            PackagesTable = "local-packages",
            ApiKeysTable = "local-api-keys",
            RequestTimeout = TimeSpan.FromSeconds(60),
        });
        await new TableProvisioner(Clients).EnsureTablesAsync();
        Key = (await new ApiKeyIssuer(Clients).CreateAsync("collector-user", Tiers.Pro)).RawKey;
        Upstream = await UpstreamEmulator.StartAsync(new UpstreamEmulatorOptions { SyntheticPackagesPerEcosystem = 10, Clock = Time });

        // No upstream retries: on a fake clock a retry delay would never pass, and a failure should show at once.
        var settings = new CollectionSettings();
        foreach (var upstream in Upstreams.All)
            settings.Resilience[upstream] = new UpstreamResilienceOptions { MaxRetryAttempts = 0 };
        var emulated = new EmulatedUpstreams(Upstream.BaseUrls.EnvironmentVariables, () => ValueTask.CompletedTask);
        Collection = LocalCollection.Create(new DynamoPackageStore(Clients, null, Time), emulated.ToOptions(), Time,
            TextWriter.Synchronized(Log), settings: settings);
        Api = ApiApplication.FromDynamo(Clients, new ApiOptions(), Collection.Queue, Time);
        Collection.Attach(Api.Cache);
        Collection.Worker!.Processed += OnProcessed;

        _web = await ServerHost.StartAsync(Api, "http://127.0.0.1:0");
        Http = new HttpClient { BaseAddress = new Uri(ServerHost.Addresses(_web).Single()), Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Add("X-API-Key", Key);
    }

    /// <summary>Completes with the next outcome for <paramref name="key"/>; register before triggering the collection.</summary>
    public Task<CollectionOutcome> NextOutcome(PackageKey key)
    {
        var tcs = new TaskCompletionSource<CollectionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.GetOrAdd(key, _ => new()).Enqueue(tcs);
        return tcs.Task.WaitAsync(TimeSpan.FromSeconds(90));
    }

    private void OnProcessed(CollectionOutcome outcome)
    {
        if (outcome.Key is { } key && _waiters.TryGetValue(key, out var waiting) && waiting.TryDequeue(out var tcs))
            tcs.TrySetResult(outcome);
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_web is not null)
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }
        if (Collection is not null)
            await Collection.DisposeAsync();
        if (Upstream is not null)
            await Upstream.DisposeAsync();
        Clients?.Dispose();
        if (_dynalite is not null)
            await _dynalite.DisposeAsync();
    }
}
