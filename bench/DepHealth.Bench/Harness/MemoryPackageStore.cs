using DepHealth.Core.Packages;
using DepHealth.Core.Storage;

namespace DepHealth.Bench.Harness;

/// <summary>A store answering from a dictionary, no I/O: isolates the handler's own CPU cost from the store's.</summary>
public sealed class MemoryPackageStore(IEnumerable<PackageRecord> records) : IPackageStore
{
    private readonly Dictionary<PackageKey, PackageRecord> _records =
        records.ToDictionary(r => new PackageKey(r.Ecosystem, r.Name));

    public Task<PackageRecord?> GetAsync(PackageKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.GetValueOrDefault(key));

    public Task<BatchReadResult> GetManyAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<PackageKey, PackageRecord>();
        foreach (var key in keys)
            if (_records.TryGetValue(key, out var r))
                found[key] = r;
        return Task.FromResult(new BatchReadResult(found, []));
    }

    public Task<WriteOutcome> PutAsync(PackageRecord record, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("read-only");
}
