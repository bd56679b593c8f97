using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Dispatch;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Observability;
using DepHealth.Core.Storage;
using DepHealth.Lambda.Runtime;
using DepHealth.Lambda.Scheduled;
using DepHealth.Lambda.Sqs;

namespace DepHealth.Lambda.Collection;

/// <summary>
/// The collection pipeline's Lambda functions: the SQS collector and the two scheduled dispatchers, each from its
/// Core service, or wired from the environment (every client is created on first use, nothing is called at init).
/// </summary>
public static class CollectionFunctions
{
    public static LambdaFunction Collector(CollectionProcessor processor, TextWriter? log = null) =>
        new(new SqsBatchHandler(new CollectionBatchProcessor(processor), log));

    public static LambdaFunction Refresh(RefreshDispatcher dispatcher, TextWriter? log = null) =>
        new(new ScheduledHandler((input, ct) => dispatcher.DispatchAsync(input.Tier, input.Reason, ct), log));

    public static LambdaFunction Retry(RetryDispatcher dispatcher, TextWriter? log = null) =>
        new(new ScheduledHandler((_, ct) => dispatcher.DispatchAsync(ct), log));

    /// <summary>The collector on DynamoDB and the configured upstreams; configuration warnings go to the log once, at init.</summary>
    public static LambdaFunction CollectorFromEnvironment(TextWriter? log = null)
    {
        log ??= Console.Error;
        var time = TimeProvider.System;
        var store = new DynamoPackageStore(new DynamoDbClientProvider(DynamoDbSettings.FromEnvironment()), timeProvider: time);
        var upstreams = UpstreamConfiguration.Load(ConfigurationSources.FromProcess());
        foreach (var warning in upstreams.Warnings)
            log.WriteLine(warning);
        var client = new UpstreamClient(upstreams.Options, new CollectionSettings(), time);
        // Upstream latency/failures by source and collection duration as EMF lines, like the API functions' requests.
        var metrics = ApiObservability.MetricsFromEnvironment();
        var processor = new CollectionProcessor(PackageCollector.WithScoring(client, store, metrics: metrics), store, time,
            CollectionProcessorOptions.FromEnvironment());
        return Collector(processor, log);
    }

    public static LambdaFunction RefreshFromEnvironment(TextWriter? log = null)
    {
        var (store, queue) = DispatchServices();
        return Refresh(new RefreshDispatcher(store, queue), log);
    }

    public static LambdaFunction RetryFromEnvironment(TextWriter? log = null)
    {
        var (store, queue) = DispatchServices();
        return Retry(new RetryDispatcher(store, queue), log);
    }

    /// <summary>The SQS queue when its URL is configured, else null (the API then answers misses without queueing).</summary>
    public static SqsCollectionQueue? QueueFromEnvironment() =>
        SqsQueueSettings.FromEnvironment() is { } settings ? new SqsCollectionQueue(settings) : null;

    private static (DynamoPackageStore, SqsCollectionQueue) DispatchServices()
    {
        // A dispatcher without a queue has nothing to do: fail the init loudly rather than report success.
        var queue = QueueFromEnvironment() ?? throw new InvalidOperationException("no collection queue URL is configured");
        return (new DynamoPackageStore(new DynamoDbClientProvider(DynamoDbSettings.FromEnvironment())), queue);
    }
}
