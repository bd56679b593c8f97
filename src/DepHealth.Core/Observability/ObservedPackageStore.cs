using DepHealth.Core.Packages;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Observability;

/// <summary>Wraps a package store and records the latency and errors of each call as EMF metrics.</summary>
public sealed class ObservedPackageStore(IPackageStore inner, ServiceMetrics metrics, TimeProvider time) : IPackageStore
{
    public Task<PackageRecord?> GetAsync(PackageKey key, CancellationToken cancellationToken = default) =>
        TimeAsync("Get", () => inner.GetAsync(key, cancellationToken));

    public Task<BatchReadResult> GetManyAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken cancellationToken = default) =>
        TimeAsync("BatchGet", () => inner.GetManyAsync(keys, cancellationToken));

    public Task<WriteOutcome> PutAsync(PackageRecord record, CancellationToken cancellationToken = default) =>
        TimeAsync("Put", () => inner.PutAsync(record, cancellationToken));

    private async Task<T> TimeAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = time.GetTimestamp();
        try
        {
            var result = await call();
            metrics.StoreLatency(operation, time.GetElapsedTime(started), ok: true);
            return result;
        }
        catch
        {
            metrics.StoreLatency(operation, time.GetElapsedTime(started), ok: false);
            throw;
        }
    }
}
