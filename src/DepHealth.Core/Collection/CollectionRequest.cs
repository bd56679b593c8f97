using DepHealth.Core.Collection.Collectors;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Collection;

/// <summary>One package to collect; <paramref name="IsRetry"/> marks a retry of an incomplete record (it counts toward the retry limit).</summary>
public sealed record CollectionRequest(Ecosystem Ecosystem, string Name, int? Tier = null, bool IsRetry = false);

/// <summary>How one source fared in a collection.</summary>
public sealed record SourceReport(string Source, SourceStatus Status, string? Reason);

/// <summary>The collected (and scored) record, how each source fared, the per-call timings and the write outcome.</summary>
public sealed class CollectionResult
{
    public required PackageRecord Record { get; init; }
    public required IReadOnlyList<SourceReport> Sources { get; init; }
    public required IReadOnlyList<CallTiming> Calls { get; init; }
    public required double ElapsedMs { get; init; }
    public WriteOutcome? Write { get; init; }

    /// <summary>The longest chain of dependent calls: what the collection costs at best.</summary>
    public double CriticalPathMs => CriticalPath.Compute(Calls);
}
