using BitFaster.Caching.Lru;
using DepHealth.Core.Collection.Collectors;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Collection.Queue;

/// <summary>
/// Turns queued messages into stored records, whatever delivers them (the SQS collector function, the local
/// server's channel): validates each message, skips packages collected within the dedup window unless
/// <c>force_refresh</c>, collects the rest with bounded concurrency, and writes only what is worth keeping.
/// A collection in which no source answered is a failure (retry later) and writes nothing, so the stored
/// record is never replaced by an empty one; a package every source calls unknown is skipped, not stored.
/// Returns one outcome per message, in input order; never throws for a single message.
/// </summary>
public sealed class CollectionProcessor
{
    private readonly PackageCollector _collector;
    private readonly IPackageStore _store;
    private readonly TimeProvider _time;
    // Packages no upstream knows, and when that was learnt: asked again within the dedup window, they cost no upstream call.
    private readonly ConcurrentLru<PackageKey, DateTimeOffset> _notFound = new(10_000);

    public CollectionProcessor(PackageCollector collector, IPackageStore store, TimeProvider time, CollectionProcessorOptions? options = null)
    {
        _collector = collector;
        _store = store;
        _time = time;
        Options = (options ?? new CollectionProcessorOptions()).Validate();
    }

    public CollectionProcessorOptions Options { get; }

    /// <summary>Parses and processes raw message bodies (e.g. SQS records); unparseable bodies are <see cref="CollectionOutcomeStatus.Rejected"/>.</summary>
    public async Task<IReadOnlyList<CollectionOutcome>> ProcessBodiesAsync(IReadOnlyList<string?> bodies, CancellationToken cancellationToken = default)
    {
        var messages = new CollectionMessage?[bodies.Count];
        var rejected = new Dictionary<int, string>();
        for (var i = 0; i < bodies.Count; i++)
        {
            if (CollectionMessage.TryParse(bodies[i], out var message, out var error)) messages[i] = message;
            else rejected[i] = error!;
        }
        var valid = Enumerable.Range(0, bodies.Count).Where(i => messages[i] is not null).ToArray();
        var processed = await ProcessAsync(valid.Select(i => messages[i]!).ToArray(), cancellationToken).ConfigureAwait(false);
        var outcomes = new CollectionOutcome[bodies.Count];
        foreach (var (i, reason) in rejected)
            outcomes[i] = new CollectionOutcome(i, null, null, CollectionOutcomeStatus.Rejected, reason);
        for (var j = 0; j < valid.Length; j++)
            outcomes[valid[j]] = processed[j] with { Index = valid[j] };
        return outcomes;
    }

    /// <summary>Processes a batch: the same package asked for twice is collected once (force and retry flags merged).</summary>
    public async Task<IReadOnlyList<CollectionOutcome>> ProcessAsync(IReadOnlyList<CollectionMessage> messages, CancellationToken cancellationToken = default)
    {
        var outcomes = new CollectionOutcome[messages.Count];
        var groups = new Dictionary<PackageKey, List<int>>();
        var requests = new List<(PackageKey Key, Ecosystem Ecosystem, CollectionMessage Merged, List<int> Indexes)>();
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (!Ecosystems.TryParse(message.Ecosystem, out var eco))
            {
                outcomes[i] = new CollectionOutcome(i, message, null, CollectionOutcomeStatus.Rejected,
                    $"unsupported ecosystem '{Truncate(message.Ecosystem)}'");
                continue;
            }
            var name = PackageNames.Validate(eco, message.Name);
            if (!name.IsValid)
            {
                outcomes[i] = new CollectionOutcome(i, message, null, CollectionOutcomeStatus.Rejected, $"invalid name: {name.Error}");
                continue;
            }
            var key = new PackageKey(eco.ToWire(), name.Normalized);
            if (groups.TryGetValue(key, out var indexes))
            {
                indexes.Add(i);
                var at = requests.FindIndex(r => r.Key == key);
                var merged = requests[at].Merged;
                requests[at] = requests[at] with
                {
                    Merged = merged with
                    {
                        ForceRefresh = merged.ForceRefresh || message.ForceRefresh,
                        Reason = CollectionReasons.IsRetry(merged.Reason) ? merged.Reason : message.Reason,
                        Tier = merged.Tier ?? message.Tier,
                    },
                };
                continue;
            }
            indexes = [i];
            groups[key] = indexes;
            requests.Add((key, eco, message with { Ecosystem = key.Ecosystem, Name = key.Name }, indexes));
        }

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Options.MaxConcurrency },
            async (request, _) =>
            {
                var outcome = await ProcessOneAsync(request.Key, request.Ecosystem, request.Merged, cancellationToken).ConfigureAwait(false);
                foreach (var i in request.Indexes)
                    outcomes[i] = outcome with { Index = i, Message = messages[i] };
            }).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<CollectionOutcome> ProcessOneAsync(PackageKey key, Ecosystem ecosystem, CollectionMessage message, CancellationToken ct)
    {
        CollectionOutcome Outcome(CollectionOutcomeStatus status, string? reason, CollectionResult? result = null) =>
            new(0, message, key, status, reason, result);

        if (ct.IsCancellationRequested)
            return Outcome(CollectionOutcomeStatus.Failed, OutcomeReasons.Cancelled);
        if (!message.ForceRefresh && _notFound.TryGet(key, out var learnt) && _time.GetUtcNow() - learnt < Options.DedupWindow)
            return Outcome(CollectionOutcomeStatus.Skipped, OutcomeReasons.RecentlyNotFound);

        PackageRecord? existing;
        try
        {
            existing = await _store.GetAsync(key, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return Outcome(CollectionOutcomeStatus.Failed, $"{OutcomeReasons.StoreReadFailed}: {e.GetType().Name}");
        }
        catch (OperationCanceledException)
        {
            return Outcome(CollectionOutcomeStatus.Failed, OutcomeReasons.Cancelled);
        }

        if (!message.ForceRefresh && existing?.CollectedAt is { } collectedAt && _time.GetUtcNow() - collectedAt < Options.DedupWindow)
            return Outcome(CollectionOutcomeStatus.Skipped, OutcomeReasons.RecentlyCollected);

        CollectionResult result;
        try
        {
            result = await _collector.CollectAsync(
                new CollectionRequest(ecosystem, key.Name, message.Tier, CollectionReasons.IsRetry(message.Reason)), existing, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Outcome(CollectionOutcomeStatus.Failed, OutcomeReasons.Cancelled);
        }
        catch (Exception e)
        {
            return Outcome(CollectionOutcomeStatus.Failed, $"{OutcomeReasons.CollectionFailed}: {e.GetType().Name}");
        }

        if (Classify(result.Sources) is { } notWorthWriting)
        {
            if (notWorthWriting.Reason == OutcomeReasons.NotFound)
                _notFound.AddOrUpdate(key, _time.GetUtcNow());
            return Outcome(notWorthWriting.Status, notWorthWriting.Reason, result);
        }
        _notFound.TryRemove(key);

        try
        {
            var write = await _store.PutAsync(result.Record, ct).ConfigureAwait(false);
            var stored = new CollectionResult
            {
                Record = result.Record,
                Sources = result.Sources,
                Calls = result.Calls,
                ElapsedMs = result.ElapsedMs,
                Write = write,
            };
            return write == WriteOutcome.Written
                ? Outcome(CollectionOutcomeStatus.Collected, null, stored)
                : Outcome(CollectionOutcomeStatus.Skipped, OutcomeReasons.NewerRecordStored, stored);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Outcome(CollectionOutcomeStatus.Failed, OutcomeReasons.Cancelled, result);
        }
        catch (Exception e)
        {
            return Outcome(CollectionOutcomeStatus.Failed, $"{OutcomeReasons.StoreWriteFailed}: {e.GetType().Name}", result);
        }
    }

    /// <summary>
    /// Null when the record is worth writing (some source answered); otherwise not found (deps.dev and the registry
    /// both say the package does not exist) or failed (no source answered), listing each source's reason.
    /// </summary>
    internal static (CollectionOutcomeStatus Status, string Reason)? Classify(IReadOnlyList<SourceReport> sources)
    {
        if (sources.Any(s => s.Status == SourceStatus.Ok))
            return null;
        var identity = sources.Where(s => s.Source is SourceFields.DepsDev or SourceFields.Npm or SourceFields.PyPI).ToList();
        if (identity.Count > 0 && identity.All(s => s.Status == SourceStatus.NotFound))
            return (CollectionOutcomeStatus.Skipped, OutcomeReasons.NotFound);
        var detail = string.Join("; ", sources.Where(s => s.Status != SourceStatus.NotFound).Select(s => $"{s.Source}={s.Reason ?? s.Status.ToString()}"));
        return (CollectionOutcomeStatus.Failed, $"{OutcomeReasons.UpstreamsFailed}: {detail}");
    }

    private static string Truncate(string? value) => value is null ? "" : value.Length > 32 ? value[..32] + "…" : value;
}
