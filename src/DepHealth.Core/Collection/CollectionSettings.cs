using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Collection.Resilience;

namespace DepHealth.Core.Collection;

/// <summary>How calls of one collection are scheduled: as a dependency graph, or one after another (the naive baseline).</summary>
public enum CollectionMode
{
    Parallel,
    Sequential,
}

/// <summary>Settings of the collectors: HTTP pool, per-upstream resilience, scheduling and the naive baselines.</summary>
public sealed class CollectionSettings
{
    public HttpClientSettings Http { get; set; } = new();

    /// <summary>Per-upstream resilience; upstreams not listed use <see cref="UpstreamResilienceOptions.For"/>.</summary>
    public Dictionary<Upstream, UpstreamResilienceOptions> Resilience { get; set; } = [];

    public CollectionMode Mode { get; set; } = CollectionMode.Parallel;

    /// <summary>Baseline only: a new handler (so a new connection) per call, as the original did.</summary>
    public bool NewConnectionPerCall { get; set; }

    public UpstreamResilienceOptions ResilienceFor(Upstream upstream) =>
        Resilience.TryGetValue(upstream, out var options) ? options : UpstreamResilienceOptions.For(upstream);
}
