using System.Globalization;
using DepHealth.Core.Api;
using DepHealth.Core.Collection.Queue;

namespace DepHealth.Server.Collection;

/// <summary>
/// Collects on demand inside the server process: a few loops read the in-process queue (filled by GET and scan
/// misses) and hand each message to the <see cref="CollectionProcessor"/>. A collected package is dropped from the
/// API's cache, so the next GET reads the new record instead of a remembered "not found".
/// </summary>
public sealed class LocalCollectionWorker : IAsyncDisposable
{
    private readonly ChannelCollectionQueue _queue;
    private readonly CollectionProcessor _processor;
    private readonly PackageCache? _cache;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;

    private LocalCollectionWorker(ChannelCollectionQueue queue, CollectionProcessor processor, PackageCache? cache, TextWriter log, int loops)
    {
        _queue = queue;
        _processor = processor;
        _cache = cache;
        _log = log;
        _loops = new Task[loops];
    }

    /// <summary>Raised after each message, on the worker's thread (tests wait on it; keep handlers short).</summary>
    public event Action<CollectionOutcome>? Processed;

    /// <summary>Starts <paramref name="loops"/> readers (packages collected at once).</summary>
    public static LocalCollectionWorker Start(ChannelCollectionQueue queue, CollectionProcessor processor, PackageCache? cache, TextWriter log, int loops = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(loops, 1);
        var worker = new LocalCollectionWorker(queue, processor, cache, log, loops);
        for (var i = 0; i < loops; i++)
            worker._loops[i] = Task.Run(worker.RunAsync);
        return worker;
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            IReadOnlyList<CollectionMessage> batch;
            try
            {
                batch = await _queue.ReadBatchAsync(1, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (batch.Count == 0)
                return; // queue completed and drained

            IReadOnlyList<CollectionOutcome> outcomes;
            try
            {
                outcomes = await _processor.ProcessAsync(batch, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The processor reports per-message trouble as outcomes; this is a bug, not a package problem.
                Write($"collect: unexpected {e.GetType().Name}: {e.Message}");
                continue;
            }
            foreach (var outcome in outcomes)
            {
                if (outcome is { Status: CollectionOutcomeStatus.Collected, Key: { } key })
                    _cache?.Remove(key);
                Write(Describe(outcome));
                Processed?.Invoke(outcome);
            }
        }
    }

    /// <summary>One line per message, e.g. <c>collect npm/express: collected in 412 ms, health 78.3 (LOW), data complete [get_discovery]</c>.</summary>
    public static string Describe(CollectionOutcome outcome)
    {
        var subject = outcome.Key is { } key ? $"{key.Ecosystem}/{key.Name}" : $"{outcome.Message?.Ecosystem}/{outcome.Message?.Name}";
        var reason = outcome.Message?.Reason is { } r ? $" [{r}{(outcome.Message.ForceRefresh ? ", force_refresh" : "")}]" : "";
        if (outcome.Status == CollectionOutcomeStatus.Collected && outcome.Result is { } result)
        {
            var record = result.Record;
            var score = record.HealthScore is { } h ? h.ToString("0.#", CultureInfo.InvariantCulture) : "n/a";
            return $"collect {subject}: collected in {result.ElapsedMs:0} ms, health {score} ({record.RiskLevel ?? "n/a"}), data {record.DataStatus}{reason}";
        }
        return $"collect {subject}: {outcome.Status.ToString().ToLowerInvariant()} ({outcome.Reason}){reason}";
    }

    private void Write(string line)
    {
        lock (_log)
        {
            _log.WriteLine(line);
            _log.Flush();
        }
    }

    /// <summary>Stops: refuses new messages and cancels collections in flight (the process is going away).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Complete();
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
