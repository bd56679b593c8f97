using System.Collections.Concurrent;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;

namespace DepHealth.Api.Tests.Fakes;

/// <summary>A package store in a dictionary that counts reads and can fail on demand.</summary>
public sealed class InMemoryPackageStore : IPackageStore
{
    private readonly ConcurrentDictionary<PackageKey, PackageRecord> _records = new();

    public int GetCalls;
    public int GetManyCalls;
    public int KeysRead;
    public bool Fail { get; set; }
    /// <summary>Keys a batch read reports as unavailable (a store error for those keys only).</summary>
    public HashSet<PackageKey> UnavailableKeys { get; } = [];

    public InMemoryPackageStore Add(PackageRecord record)
    {
        _records[new PackageKey(record.Ecosystem, record.Name)] = record;
        return this;
    }

    public Task<PackageRecord?> GetAsync(PackageKey key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref GetCalls);
        Interlocked.Increment(ref KeysRead);
        if (Fail)
            throw new InvalidOperationException("store is down (secret-internal-detail)");
        return Task.FromResult(_records.GetValueOrDefault(key));
    }

    public Task<BatchReadResult> GetManyAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref GetManyCalls);
        Interlocked.Add(ref KeysRead, keys.Count);
        if (Fail)
            throw new InvalidOperationException("store is down");
        var found = new Dictionary<PackageKey, PackageRecord>();
        var unavailable = new List<PackageKey>();
        foreach (var key in keys.Distinct())
        {
            if (UnavailableKeys.Contains(key)) unavailable.Add(key);
            else if (_records.TryGetValue(key, out var r)) found[key] = r;
        }
        return Task.FromResult(new BatchReadResult(found, unavailable));
    }

    public Task<WriteOutcome> PutAsync(PackageRecord record, CancellationToken cancellationToken = default)
    {
        Add(record);
        return Task.FromResult(WriteOutcome.Written);
    }
}
