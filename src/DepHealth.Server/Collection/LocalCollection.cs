using DepHealth.Core.Api;
using DepHealth.Core.Collection;
using DepHealth.Core.Observability;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Storage;

namespace DepHealth.Server.Collection;

/// <summary>
/// Collection on demand for the local server: the queue the API hands its misses to and, unless the queue is SQS
/// (<c>COLLECTION_QUEUE_URL</c> set: the deployed collector function does the work), the in-process channel, the
/// processor and the worker that drains it, over the chosen upstreams (real hosts or the emulator).
/// </summary>
public sealed class LocalCollection : IAsyncDisposable
{
    private readonly ChannelCollectionQueue? _channel;
    private readonly CollectionProcessor? _processor;
    private readonly UpstreamClient? _client;
    private readonly EmulatedUpstreams? _emulator;
    private readonly TextWriter _output;
    private readonly int _workers;

    private LocalCollection(ICollectionQueue? queue, ChannelCollectionQueue? channel, CollectionProcessor? processor,
        UpstreamClient? client, EmulatedUpstreams? emulator, TextWriter output, int workers)
    {
        Queue = queue;
        _channel = channel;
        _processor = processor;
        _client = client;
        _emulator = emulator;
        _output = output;
        _workers = workers;
    }

    /// <summary>What the API queues misses to; null when collection is off.</summary>
    public ICollectionQueue? Queue { get; }

    /// <summary>The in-process worker, once <see cref="Attach"/> started it.</summary>
    public LocalCollectionWorker? Worker { get; private set; }

    /// <summary>The processor of the in-process queue (null with SQS or when collection is off).</summary>
    public CollectionProcessor? Processor => _processor;

    /// <summary>True when the upstreams are the emulator.</summary>
    public bool Emulated => _emulator is not null;

    /// <summary>Chooses the queue and the upstreams (see <see cref="UpstreamSelection"/>) and says which on <paramref name="output"/>.</summary>
    public static async Task<LocalCollection> StartAsync(DynamoDbClientProvider clients, bool offline, string? repoRoot, TextWriter output, CancellationToken ct)
    {
        if (SqsQueueSettings.FromEnvironment() is { } sqs)
        {
            output.WriteLine("Collection: unknown packages are queued to SQS (COLLECTION_QUEUE_URL); the collector function collects them.");
            return new LocalCollection(new SqsCollectionQueue(sqs), null, null, null, null, output, 0);
        }

        UpstreamChoice choice;
        try
        {
            choice = await UpstreamSelection.ChooseAsync(offline, UpstreamConfiguration.Load(ConfigurationSources.FromProcess()),
                token => repoRoot is null
                    ? throw new InvalidOperationException("the repository (src/DepHealth.Emulator) was not found; set DEPHEALTH_ROOT")
                    : EmulatorProcess.StartAsync(repoRoot, output, token),
                output, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            output.WriteLine($"Collection: off: the upstream emulator could not be started ({e.Message}). Unknown packages answer 404 and are not collected.");
            return new LocalCollection(null, null, null, null, null, output, 0);
        }
        if (choice.Emulator is { } emulator)
            output.WriteLine($"Collection: upstream emulator at {new Uri(emulator.Variables[0].Value).GetLeftPart(UriPartial.Authority)}");
        return Create(new DynamoPackageStore(clients), choice.Options, TimeProvider.System, output,
            CollectionProcessorOptions.FromEnvironment(), emulator: choice.Emulator);
    }

    /// <summary>The in-process queue and processor over <paramref name="upstreams"/> (tests build it directly).</summary>
    public static LocalCollection Create(IPackageStore store, UpstreamOptions upstreams, TimeProvider time, TextWriter output,
        CollectionProcessorOptions? options = null, CollectionSettings? settings = null, EmulatedUpstreams? emulator = null)
    {
        options ??= new CollectionProcessorOptions();
        var client = new UpstreamClient(upstreams, settings ?? new CollectionSettings(), time);
        // Upstream latency/failures by source and collection durations as EMF lines (off with DEPHEALTH_LOG_REQUESTS=0).
        var collector = PackageCollector.WithScoring(client, store, metrics: ApiObservability.MetricsFromEnvironment());
        var processor = new CollectionProcessor(collector, store, time, options);
        var channel = new ChannelCollectionQueue(time: time);
        return new LocalCollection(channel, channel, processor, client, emulator, output, Math.Min(options.MaxConcurrency, 4));
    }

    /// <summary>Starts the worker; collected packages are dropped from <paramref name="cache"/> so the next GET sees them.</summary>
    public void Attach(PackageCache? cache)
    {
        if (_channel is null || _processor is null || Worker is not null)
            return;
        Worker = LocalCollectionWorker.Start(_channel, _processor, cache, _output, _workers);
    }

    public async ValueTask DisposeAsync()
    {
        if (Worker is not null)
            await Worker.DisposeAsync();
        _channel?.Dispose();
        (Queue as SqsCollectionQueue)?.Dispose();
        _client?.Dispose();
        if (_emulator is not null)
            await _emulator.DisposeAsync();
    }
}
