using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Dispatch;

/// <summary>One dynalite for a test class; each test gets its own packages table, so tier and status queries see only its records.</summary>
public sealed class DispatchWorld : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    public DynaliteProcess Dynalite { get; private set; } = null!;
    private readonly List<DynamoDbClientProvider> _clients = [];

    public async Task InitializeAsync() => Dynalite = await DynaliteProcess.StartAsync();

    /// <summary>A store over a new, empty packages table.</summary>
    public async Task<DynamoPackageStore> NewStoreAsync(FakeTimeProvider time)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var clients = new DynamoDbClientProvider(DynamoDbSettings.FromEnvironment(name => name switch
        {
            "DYNAMODB_ENDPOINT" => Dynalite.Endpoint,
            "PACKAGES_TABLE" => "dispatch-packages-" + suffix,
            "API_KEYS_TABLE" => "dispatch-keys-" + suffix,
            _ => null,
        }) with { MaxErrorRetry = 0, RequestTimeout = TimeSpan.FromSeconds(60) });
        _clients.Add(clients);
        await new TableProvisioner(clients).EnsureTablesAsync();
        return new DynamoPackageStore(clients, null, time);
    }

    public async Task DisposeAsync()
    {
        foreach (var c in _clients)
            c.Dispose();
        await Dynalite.DisposeAsync();
    }

    /// <summary>A stored record as a collection leaves it: tier, last_updated/collected_at and the retry fields.</summary>
    public static PackageRecord Record(string name, int tier, DateTimeOffset lastUpdated, string status = DataStatus.Complete,
        DateTimeOffset? nextRetry = null, int? retryCount = null, DateTimeOffset? dispatchedAt = null, string ecosystem = "npm") => new()
    {
        Ecosystem = ecosystem,
        Name = name,
        Tier = tier,
        LastUpdated = lastUpdated,
        CollectedAt = lastUpdated,
        DataStatus = status,
        MissingSources = status == DataStatus.Complete ? [] : status == DataStatus.Partial ? ["github"] : ["deps.dev"],
        NextRetryAt = nextRetry,
        RetryCount = retryCount,
        RetryDispatchedAt = dispatchedAt,
    };

    public static async Task PutAsync(IPackageStore store, params PackageRecord[] records)
    {
        foreach (var r in records)
            Assert.Equal(WriteOutcome.Written, await store.PutAsync(r));
    }
}

/// <summary>A queue that keeps what it accepts (delays included) and can refuse messages or act after each call.</summary>
public sealed class RecordingQueue : ICollectionQueue
{
    private readonly Lock _lock = new();
    private readonly List<CollectionMessage> _accepted = [];

    public Func<CollectionMessage, bool>? Refuse { get; set; }
    public Action? AfterEachCall { get; set; }
    public int Calls { get; private set; }

    public IReadOnlyList<CollectionMessage> Accepted
    {
        get { lock (_lock) return [.. _accepted]; }
    }

    public ValueTask<EnqueueResult> EnqueueManyAsync(IReadOnlyList<CollectionMessage> messages, CancellationToken cancellationToken = default)
    {
        var failed = new List<EnqueueFailure>();
        lock (_lock)
        {
            Calls++;
            foreach (var m in messages)
            {
                if (Refuse?.Invoke(m) == true) failed.Add(new EnqueueFailure(m, "refused by the test"));
                else _accepted.Add(m);
            }
        }
        AfterEachCall?.Invoke();
        return ValueTask.FromResult(new EnqueueResult(messages.Count - failed.Count, failed));
    }
}
