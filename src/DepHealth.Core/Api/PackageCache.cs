using BitFaster.Caching.Lru;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Api;

/// <summary>
/// Bounded LRU (BitFaster <see cref="ConcurrentLru{K,V}"/>) of package records in front of the store. Each entry
/// carries its own expiry, computed from the injected <see cref="TimeProvider"/>, so expiry is testable without
/// sleeping; "not found" is remembered for a shorter time than a record. An expired record is kept (until evicted
/// or <see cref="ApiOptions.StaleIfError"/> past its expiry) so that it can still be served when the store fails.
/// </summary>
public sealed class PackageCache
{
    private readonly ConcurrentLru<PackageKey, PackageCacheEntry>? _lru;
    private readonly TimeProvider _time;
    private readonly long _ttlTicks;
    private readonly long _negativeTtlTicks;
    private readonly long _staleTicks;

    public PackageCache(ApiOptions options, TimeProvider time)
    {
        _time = time;
        _ttlTicks = ToTimestampTicks(options.CacheTtl, time);
        _negativeTtlTicks = ToTimestampTicks(options.NegativeCacheTtl, time);
        _staleTicks = ToTimestampTicks(options.StaleIfError, time);
        if (options.CacheEnabled)
            _lru = new ConcurrentLru<PackageKey, PackageCacheEntry>(options.CacheCapacity);
    }

    public bool Enabled => _lru is not null;

    public int Count => _lru?.Count ?? 0;

    /// <summary>A live entry for <paramref name="key"/> (found or not found); expired entries are not served.</summary>
    public bool TryGet(PackageKey key, out PackageCacheEntry entry)
    {
        if (_lru is not null && _lru.TryGet(key, out entry!))
        {
            var now = _time.GetTimestamp();
            if (now < entry.ExpiresAt)
                return true;
            // Past any use (also as a stale answer): drop it now rather than wait for eviction.
            if (entry.Record is null || now >= entry.ExpiresAt + _staleTicks)
                _lru.TryRemove(new KeyValuePair<PackageKey, PackageCacheEntry>(key, entry));
        }
        entry = null!;
        return false;
    }

    /// <summary>
    /// A record for <paramref name="key"/> even if expired, as long as it is within <see cref="ApiOptions.StaleIfError"/>
    /// of its expiry: the answer when the store cannot be read.
    /// </summary>
    public bool TryGetStale(PackageKey key, out PackageCacheEntry entry)
    {
        if (_lru is not null && _lru.TryGet(key, out entry!) && entry.Record is not null &&
            _time.GetTimestamp() < entry.ExpiresAt + _staleTicks)
            return true;
        entry = null!;
        return false;
    }

    /// <summary>Caches a record read from the store and returns its entry (also when caching is disabled).</summary>
    public PackageCacheEntry SetFound(PackageKey key, PackageRecord record)
    {
        var entry = new PackageCacheEntry(record, _time.GetTimestamp() + _ttlTicks);
        _lru?.AddOrUpdate(key, entry);
        return entry;
    }

    /// <summary>Remembers that the store has no record for <paramref name="key"/>.</summary>
    public void SetNotFound(PackageKey key)
    {
        if (_lru is not null && _negativeTtlTicks > 0)
            _lru.AddOrUpdate(key, new PackageCacheEntry(null, _time.GetTimestamp() + _negativeTtlTicks));
    }

    /// <summary>Forgets <paramref name="key"/> (a collection just stored it): the next read goes to the store.</summary>
    public void Remove(PackageKey key) => _lru?.TryRemove(key);

    public void Clear() => _lru?.Clear();

    private static long ToTimestampTicks(TimeSpan span, TimeProvider time) =>
        (long)(span.TotalSeconds * time.TimestampFrequency);
}

/// <summary>One cached answer: the record (null = not found), its expiry and, once rendered, the full GET body.</summary>
public sealed class PackageCacheEntry
{
    private RenderedBody? _body;

    internal PackageCacheEntry(PackageRecord? record, long expiresAt)
    {
        Record = record;
        ExpiresAt = expiresAt;
    }

    public PackageRecord? Record { get; }

    /// <summary>Expiry as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    internal long ExpiresAt { get; }

    /// <summary>The full-form body, rendered once per entry; concurrent first calls may both render (same bytes).</summary>
    public RenderedBody GetOrRenderBody(Func<PackageRecord, RenderedBody> render) =>
        _body ??= render(Record ?? throw new InvalidOperationException("a not-found entry has no body"));
}

/// <summary>UTF-8 JSON body bytes and their strong ETag.</summary>
public sealed record RenderedBody(ReadOnlyMemory<byte> Bytes, string ETag);
