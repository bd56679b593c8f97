using DepHealth.Api.Tests.Fakes;
using DepHealth.Core.Api;
using DepHealth.Core.Storage;
using Microsoft.Extensions.Time.Testing;
using static DepHealth.Api.Tests.ApiHarness;

namespace DepHealth.Api.Tests;

public sealed class PackageCacheTests
{
    private static readonly PackageKey Lodash = new("npm", "lodash");

    private static (PackageCache Cache, FakeTimeProvider Time) Make(int capacity = 100, bool enabled = true)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var options = new ApiOptions { CacheCapacity = capacity, CacheEnabled = enabled };
        return (new PackageCache(options, time), time);
    }

    [Fact]
    public void Miss_then_hit_returns_the_same_entry()
    {
        var (cache, _) = Make();
        Assert.False(cache.TryGet(Lodash, out _));
        var stored = cache.SetFound(Lodash, TestRecords.Make("npm", "lodash", 85, "LOW"));
        Assert.True(cache.TryGet(Lodash, out var hit));
        Assert.Same(stored, hit);
    }

    [Fact]
    public void Found_entries_expire_after_five_minutes()
    {
        var (cache, time) = Make();
        cache.SetFound(Lodash, TestRecords.Make("npm", "lodash", 85, "LOW"));
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.True(cache.TryGet(Lodash, out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet(Lodash, out _));
        // Kept only as a stale answer for store failures, for StaleIfError (1 h) past its expiry.
        Assert.True(cache.TryGetStale(Lodash, out var stale));
        Assert.NotNull(stale.Record);
        time.Advance(TimeSpan.FromHours(1));
        Assert.False(cache.TryGetStale(Lodash, out _));
        Assert.False(cache.TryGet(Lodash, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Not_found_is_remembered_for_thirty_seconds_only()
    {
        var (cache, time) = Make();
        cache.SetNotFound(Lodash);
        Assert.True(cache.TryGet(Lodash, out var negative));
        Assert.Null(negative.Record);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(cache.TryGet(Lodash, out _));
    }

    [Fact]
    public void Capacity_bounds_the_cache_and_evicts()
    {
        var (cache, _) = Make(capacity: 10);
        for (var i = 0; i < 100; i++)
            cache.SetFound(new PackageKey("npm", $"p{i}"), TestRecords.Make("npm", $"p{i}", 50, "MEDIUM"));
        Assert.True(cache.Count <= 10, $"count {cache.Count}");
        Assert.True(cache.TryGet(new PackageKey("npm", "p99"), out _));
        Assert.False(cache.TryGet(new PackageKey("npm", "p0"), out _));
    }

    [Fact]
    public void Disabled_cache_never_hits()
    {
        var (cache, _) = Make(enabled: false);
        var entry = cache.SetFound(Lodash, TestRecords.Make("npm", "lodash", 85, "LOW"));
        Assert.NotNull(entry.Record);
        cache.SetNotFound(new PackageKey("npm", "x"));
        Assert.False(cache.TryGet(Lodash, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Rendered_body_is_rendered_once_per_entry()
    {
        var (cache, _) = Make();
        var entry = cache.SetFound(Lodash, TestRecords.Make("npm", "lodash", 85, "LOW"));
        var renders = 0;
        RenderedBody Render(DepHealth.Core.Packages.PackageRecord r) { renders++; return PackageBodyWriter.RenderFull(r); }
        var a = entry.GetOrRenderBody(Render);
        var b = entry.GetOrRenderBody(Render);
        Assert.Same(a, b);
        Assert.Equal(1, renders);
    }

    [Fact]
    public async Task Handler_serves_warm_hits_without_the_store_and_rereads_after_expiry()
    {
        var h = new ApiHarness();
        for (var i = 0; i < 5; i++)
            Assert.Equal(200, (await h.GetAsync("/v1/packages/npm/lodash", FreeKey)).StatusCode);
        Assert.Equal(1, h.Store.GetCalls);

        h.Time.Advance(TimeSpan.FromMinutes(5));
        await h.GetAsync("/v1/packages/npm/lodash", FreeKey);
        Assert.Equal(2, h.Store.GetCalls);
    }

    [Fact]
    public async Task Handler_caches_not_found_briefly_then_sees_a_new_record()
    {
        var h = new ApiHarness();
        Assert.Equal(404, (await h.GetAsync("/v1/packages/npm/newcomer", FreeKey)).StatusCode);
        h.Store.Add(TestRecords.Make("npm", "newcomer", 70, "MEDIUM"));
        Assert.Equal(404, (await h.GetAsync("/v1/packages/npm/newcomer", FreeKey)).StatusCode);
        Assert.Equal(1, h.Store.GetCalls);
        h.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(200, (await h.GetAsync("/v1/packages/npm/newcomer", FreeKey)).StatusCode);
    }

    [Fact]
    public async Task Disabled_cache_reads_the_store_every_time()
    {
        var h = new ApiHarness(new ApiOptions { CacheEnabled = false });
        for (var i = 0; i < 3; i++)
            await h.GetAsync("/v1/packages/npm/lodash", FreeKey);
        Assert.Equal(3, h.Store.GetCalls);
    }
}
