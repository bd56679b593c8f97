using System.Globalization;
using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Auth;
using DepHealth.Core.Storage;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Storage.Tests;

/// <summary>The monthly quota against dynalite: exact under concurrency, across "processes" (meter instances), across leases.</summary>
public sealed class UsageMeterTests(DynamoFixture db) : IClassFixture<DynamoFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

    private static ApiKeyIdentity User(string id, long limit) => new(id, new string('0', 64), "test", limit);

    private async Task SeedAsync(string userId, string month, long requests)
    {
        var item = ApiKeysTableLayout.Usage(userId, month);
        item["requests"] = new AttributeValue { N = requests.ToString(CultureInfo.InvariantCulture) };
        item["committed"] = new AttributeValue { N = requests.ToString(CultureInfo.InvariantCulture) };
        await db.Client.PutItemAsync(new PutItemRequest { TableName = db.Settings.ApiKeysTable, Item = item });
    }

    private async Task<long> StoredAsync(string userId, string month = "2026-11")
    {
        var item = (await db.Client.GetItemAsync(new GetItemRequest
        {
            TableName = db.Settings.ApiKeysTable, Key = ApiKeysTableLayout.Usage(userId, month), ConsistentRead = true,
        })).Item;
        return item is { Count: > 0 } && item.TryGetValue("requests", out var r) ? long.Parse(r.N, CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<int> ConsumeConcurrentlyAsync(UsageMeter meter, ApiKeyIdentity who, int calls, int count = 1)
    {
        var decisions = await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => Task.Run(() => meter.TryConsumeAsync(who, count).AsTask())));
        return decisions.Count(d => d.Allowed);
    }

    [Fact]
    public async Task Concurrent_requests_at_the_edge_admit_exactly_what_is_left()
    {
        var who = User("edge-one", 100);
        await SeedAsync(who.UserId, "2026-11", 60);
        var meter = new UsageMeter(db.Direct, timeProvider: _time);

        var admitted = await ConsumeConcurrentlyAsync(meter, who, 200);
        await meter.FlushAsync();

        Assert.Equal(40, admitted);
        Assert.Equal(100, await StoredAsync(who.UserId));
        var after = await meter.TryConsumeAsync(who, 1);
        Assert.False(after.Allowed);
        Assert.Equal((100L, 0L), (after.Used, after.Remaining));
    }

    [Fact]
    public async Task Two_processes_at_the_edge_stay_exact()
    {
        var who = User("edge-two", 100);
        await SeedAsync(who.UserId, "2026-11", 60);
        using var clientsA = new DynamoDbClientProvider(db.Settings);
        using var clientsB = new DynamoDbClientProvider(db.Settings);
        var a = new UsageMeter(clientsA, timeProvider: _time);
        var b = new UsageMeter(clientsB, timeProvider: _time);

        var counts = await Task.WhenAll(ConsumeConcurrentlyAsync(a, who, 100), ConsumeConcurrentlyAsync(b, who, 100));
        await Task.WhenAll(a.FlushAsync().AsTask(), b.FlushAsync().AsTask());

        Assert.Equal(40, counts.Sum());
        Assert.Equal(100, await StoredAsync(who.UserId));
    }

    [Fact]
    public async Task Far_from_the_limit_admissions_cost_no_request_and_flush_persists_them_exactly()
    {
        var who = User("fast", 5_000); // lease 25, margin 100
        var meter = new UsageMeter(db.ProxiedClients, timeProvider: _time);

        Assert.True((await meter.TryConsumeAsync(who, 1)).Allowed); // first use: synchronous
        await meter.FlushAsync();                                     // takes a lease
        db.Proxy.ResetCounters();

        Assert.Equal(25, await ConsumeConcurrentlyAsync(meter, who, 25));
        Assert.Equal(0, db.Proxy.TotalRequests);
        Assert.Equal(1, await StoredAsync(who.UserId));

        await meter.FlushAsync();
        Assert.Equal(26, await StoredAsync(who.UserId));
        Assert.Equal(1, db.Proxy.CountOf("UpdateItem")); // one ADD for the accumulated 25 (which also renews the lease)

        var usage = await meter.GetUsageAsync(who);
        Assert.Equal(new UsageSnapshot("test", 26, 5_000, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), usage);
    }

    [Fact]
    public async Task Two_processes_using_leases_across_the_limit_admit_exactly_the_limit()
    {
        var who = User("lease-race", 300);
        var options = new UsageMeterOptions { MinSafetyMargin = 20, SafetyMarginFraction = 0, LeaseFraction = 0.1 }; // leases of 30
        using var clientsA = new DynamoDbClientProvider(db.Settings with { ServiceUrl = db.Proxy.Endpoint });
        using var clientsB = new DynamoDbClientProvider(db.Settings with { ServiceUrl = db.Proxy.Endpoint });
        var a = new UsageMeter(clientsA, options, _time);
        var b = new UsageMeter(clientsB, options, _time);
        db.Proxy.ResetCounters();

        var admitted = 0;
        for (var round = 0; round < 100; round++)
        {
            var counts = await Task.WhenAll(
                Task.Run(async () => { var n = await ConsumeConcurrentlyAsync(a, who, 20); await a.FlushAsync(); return n; }),
                Task.Run(async () => { var n = await ConsumeConcurrentlyAsync(b, who, 20); await b.FlushAsync(); return n; }));
            admitted += counts.Sum();
            if (counts.Sum() == 0)
                break;
        }

        Assert.Equal(300, admitted);
        Assert.Equal(300, await StoredAsync(who.UserId));
        Assert.True(db.Proxy.CountOf("UpdateItem") < 300 / 2, $"leases were not used: {db.Proxy.CountOf("UpdateItem")} updates for 300 admissions");
    }

    [Fact]
    public async Task A_scan_consumes_its_dependency_count_and_is_refused_whole_when_it_does_not_fit()
    {
        var who = User("batch", 100);
        await SeedAsync(who.UserId, "2026-11", 80);
        var meter = new UsageMeter(db.Direct, timeProvider: _time);

        Assert.False((await meter.TryConsumeAsync(who, 30)).Allowed);
        var fits = await meter.TryConsumeAsync(who, 20);
        Assert.True(fits.Allowed);
        Assert.Equal((100L, 0L), (fits.Used, fits.Remaining));
        Assert.False((await meter.TryConsumeAsync(who, 1)).Allowed);
        await meter.FlushAsync();
        Assert.Equal(100, await StoredAsync(who.UserId));
    }

    [Fact]
    public async Task A_dead_process_lease_comes_back_in_the_next_slot()
    {
        var who = User("dead-lease", 100);
        var options = new UsageMeterOptions { MinSafetyMargin = 10, SafetyMarginFraction = 0, LeaseFraction = 0.2 }; // leases of 20
        var dead = new UsageMeter(db.Direct, options, _time);
        Assert.True((await dead.TryConsumeAsync(who, 1)).Allowed);
        await dead.FlushAsync(); // holds 20 units, then is never heard of again

        var live = new UsageMeter(db.Direct, options with { UseLeases = false }, _time);
        var first = 0;
        while ((await live.TryConsumeAsync(who, 1)).Allowed)
            first++;
        Assert.Equal(100 - 1 - 20, first); // the dead lease is still reserved

        _time.Advance(options.LeaseSlot);
        var second = 0;
        while ((await live.TryConsumeAsync(who, 1)).Allowed)
            second++;
        Assert.Equal(20, second);
        Assert.Equal(100, await StoredAsync(who.UserId));
    }

    [Fact]
    public async Task Flush_failure_keeps_the_increments_for_the_next_flush()
    {
        var who = User("flaky", 5_000);
        using var clients = new DynamoDbClientProvider(db.Settings with { ServiceUrl = db.Proxy.Endpoint });
        var meter = new UsageMeter(clients, timeProvider: _time);
        await meter.TryConsumeAsync(who, 1);
        await meter.FlushAsync();
        Assert.Equal(10, await ConsumeConcurrentlyAsync(meter, who, 10));

        db.Proxy.InterceptRequest = (operation, _) => operation == "UpdateItem"
            ? new ProxyReply(500, """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"down"}"""u8.ToArray())
            : null;
        try
        {
            await Assert.ThrowsAsync<AggregateException>(() => meter.FlushAsync().AsTask());
        }
        finally
        {
            db.Proxy.InterceptRequest = null;
        }
        Assert.Equal(1, await StoredAsync(who.UserId));

        await meter.FlushAsync();
        Assert.Equal(11, await StoredAsync(who.UserId));
    }

    [Fact]
    public async Task Months_roll_over_without_a_reset()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 59, 50, TimeSpan.Zero));
        var who = User("rollover", 10);
        await SeedAsync(who.UserId, "2026-11", 10);
        var meter = new UsageMeter(db.Direct, timeProvider: clock);

        var november = await meter.TryConsumeAsync(who, 1);
        Assert.False(november.Allowed);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), november.ResetsAt);

        clock.Advance(TimeSpan.FromSeconds(10));
        var december = await meter.TryConsumeAsync(who, 1);
        Assert.True(december.Allowed);
        Assert.Equal((1L, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)), (december.Used, december.ResetsAt));
        await meter.FlushAsync();
        Assert.Equal(10, await StoredAsync(who.UserId, "2026-11"));
        Assert.Equal(1, await StoredAsync(who.UserId, "2026-12"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_mixes_of_processes_scans_flushes_and_slot_changes_never_exceed_and_never_lose(int seed)
    {
        var random = new Random(seed);
        var who = User($"random-{seed}", 500);
        var options = new UsageMeterOptions { MinSafetyMargin = 30, SafetyMarginFraction = 0, LeaseFraction = 0.05 }; // leases of 25
        var meters = Enumerable.Range(0, 3).Select(_ => new UsageMeter(db.Direct, options, _time)).ToArray();
        long admitted = 0;

        for (var round = 0; round < 40; round++)
        {
            var work = meters.Where(_ => random.Next(3) > 0).Select(m => (Meter: m, Calls: random.Next(1, 12), Count: random.Next(1, 6))).ToArray();
            var results = await Task.WhenAll(work.Select(w => Task.Run(async () =>
            {
                var ds = await Task.WhenAll(Enumerable.Range(0, w.Calls).Select(_ => w.Meter.TryConsumeAsync(who, w.Count).AsTask()));
                return ds.Where(d => d.Allowed).Sum(_ => (long)w.Count);
            })));
            admitted += results.Sum();

            // Some processes flush now, the others later (always before the guard: the documented assumption).
            foreach (var m in meters.Where(_ => random.Next(2) == 0))
                await m.FlushAsync();
            if (random.Next(5) == 0)
            {
                foreach (var m in meters)
                    await m.FlushAsync();
                _time.Advance(TimeSpan.FromSeconds(random.Next(1, 400)));
            }
            Assert.True(await StoredAsync(who.UserId) <= who.MonthlyLimit);
        }

        foreach (var m in meters)
            await m.FlushAsync();
        Assert.Equal(admitted, await StoredAsync(who.UserId));

        // Drain: once reservations lapse, exactly the rest of the limit is admitted.
        _time.Advance(options.LeaseSlot);
        foreach (var m in meters)
        {
            while ((await m.TryConsumeAsync(who, 1)).Allowed)
                admitted++;
        }
        foreach (var m in meters)
            await m.FlushAsync();
        Assert.Equal(500, admitted);
        Assert.Equal(500, await StoredAsync(who.UserId));
    }
}
