using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Http;

namespace DepHealth.Core.Observability;

/// <summary>Turns one collection's recorded call timings into EMF lines: latency and failure per upstream call, and the total duration.</summary>
public static class CollectionMetrics
{
    /// <summary>The source of a call, from its name's prefix: <c>github.commits</c> → <c>github</c>.</summary>
    public static string SourceOf(string call)
    {
        var dot = call.IndexOf('.');
        return dot > 0 ? call[..dot] : call;
    }

    public static void Emit(ServiceMetrics metrics, CollectionResult result)
    {
        foreach (var call in result.Calls)
            metrics.Upstream(SourceOf(call.Call), TimeSpan.FromMilliseconds(call.DurationMs), failed: call.Outcome != "ok");
        metrics.CollectionDuration(result.Record.DataStatus ?? "unknown", TimeSpan.FromMilliseconds(result.ElapsedMs));
    }
}
