using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;

namespace DepHealth.Storage.Tests;

/// <summary>The schedule queries of DynamoPackageStore on dynalite: tier-index, data-status-index and the retry claim.</summary>
public sealed class PackageScheduleStoreTests(DynamoFixture db) : IClassFixture<DynamoFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    // Each test uses its own name prefix: the fixture's table is shared by the class.
    private DynamoPackageStore Store(int? pageSize = null) => new(db.Direct) { SchedulePageSize = pageSize };

    private static PackageRecord Record(string name, int tier, DateTimeOffset lastUpdated, string? status = "complete",
        DateTimeOffset? nextRetry = null, int? retryCount = null, string ecosystem = "npm") => new()
    {
        Ecosystem = ecosystem,
        Name = name,
        Tier = tier,
        LastUpdated = lastUpdated,
        CollectedAt = lastUpdated,
        DataStatus = status,
        NextRetryAt = nextRetry,
        RetryCount = retryCount,
        MissingSources = status == "complete" ? [] : ["github"],
    };

    private async Task PutAllAsync(params PackageRecord[] records)
    {
        foreach (var r in records)
            Assert.Equal(WriteOutcome.Written, await Store().PutAsync(r));
    }

    [Fact]
    public async Task Tier_due_lists_every_key_of_the_tier_updated_at_or_before_the_cutoff_across_pages()
    {
        var cutoff = Now.AddHours(-18);
        var due = Enumerable.Range(0, 7).Select(i => Record($"tier-due-{i}", 1, cutoff.AddMinutes(-i))).ToArray();
        await PutAllAsync(due);
        await PutAllAsync(
            Record("tier-fresh", 1, cutoff.AddTicks(1)),          // updated after the cutoff
            Record("tier-other", 2, cutoff.AddDays(-3)),          // another tier
            Record("tier-py", 1, cutoff.AddDays(-1), ecosystem: "pypi"));
        // Not a package: an item kind the original stored in the same table (DLQ failures).
        await db.Client.PutItemAsync(new PutItemRequest
        {
            TableName = db.Settings.PackagesTable,
            Item = new()
            {
                ["pk"] = new AttributeValue { S = "FAILED#m-1" }, ["sk"] = new AttributeValue { S = "LATEST" },
                ["tier"] = new AttributeValue { N = "1" }, ["last_updated"] = new AttributeValue { S = "2026-11-01T00:00:00.0000000Z" },
            },
        });

        var keys = await Store(pageSize: 2).GetTierDueAsync(1, cutoff);

        var expected = due.Select(r => new PackageKey("npm", r.Name)).Append(new PackageKey("pypi", "tier-py"));
        Assert.Equal(expected.Select(k => k.Pk).Order(), keys.Select(k => k.Pk).Order());
    }

    [Fact]
    public async Task Tier_due_of_an_empty_tier_is_empty()
    {
        Assert.Empty(await Store().GetTierDueAsync(7, Now));
    }

    [Fact]
    public async Task Retry_due_returns_full_records_of_that_status_whose_retry_time_has_come_earliest_first_up_to_the_limit()
    {
        await PutAllAsync(
            Record("retry-a", 3, Now.AddHours(-5), "partial", Now.AddMinutes(-30), retryCount: 2),
            Record("retry-b", 3, Now.AddHours(-5), "partial", Now.AddMinutes(-90), retryCount: 1),
            Record("retry-c", 3, Now.AddHours(-5), "partial", Now.AddMinutes(-10), retryCount: 0),
            Record("retry-exact", 3, Now.AddHours(-5), "partial", Now, retryCount: 0),
            Record("retry-later", 3, Now.AddHours(-5), "partial", Now.AddTicks(1), retryCount: 0),
            Record("retry-minimal", 3, Now.AddHours(-5), "minimal", Now.AddHours(-1), retryCount: 4),
            Record("retry-done", 3, Now.AddHours(-5), "complete"));

        var all = await Store(pageSize: 2).GetRetryDueAsync("partial", Now, limit: 100);
        var firstTwo = await Store(pageSize: 1).GetRetryDueAsync("partial", Now, limit: 2);
        var minimal = await Store().GetRetryDueAsync("minimal", Now, limit: 100);

        Assert.Equal(["retry-b", "retry-a", "retry-c", "retry-exact"], all.Where(r => r.Name.StartsWith("retry-")).Select(r => r.Name));
        Assert.Equal(2, all.Single(r => r.Name == "retry-a").RetryCount); // the record itself, not the KEYS_ONLY projection
        Assert.Equal(["github"], all.Single(r => r.Name == "retry-a").MissingSources);
        Assert.Equal(["retry-b", "retry-a"], firstTwo.Select(r => r.Name));
        Assert.Equal("retry-minimal", Assert.Single(minimal).Name);
        Assert.Empty(await Store().GetRetryDueAsync("partial", Now, limit: 0));
    }

    [Fact]
    public async Task A_retry_claim_succeeds_once_per_hour_and_only_while_the_record_is_still_due()
    {
        await PutAllAsync(
            Record("claim-a", 3, Now.AddHours(-5), "partial", Now.AddMinutes(-5), retryCount: 1),
            Record("claim-spent", 3, Now.AddHours(-5), "partial", Now.AddMinutes(-5), retryCount: 5),
            Record("claim-future", 3, Now.AddHours(-5), "partial", Now.AddMinutes(5), retryCount: 0));
        var store = Store();
        var a = new PackageKey("npm", "claim-a");

        var first = await store.TryClaimRetryAsync(a, "partial", Now, Now.AddHours(-1), 5);
        var again = await store.TryClaimRetryAsync(a, "partial", Now.AddMinutes(59), Now.AddMinutes(-1), 5);
        var anHourLater = await store.TryClaimRetryAsync(a, "partial", Now.AddMinutes(61), Now.AddMinutes(1), 5);
        var wrongStatus = await store.TryClaimRetryAsync(a, "minimal", Now.AddHours(3), Now.AddHours(2), 5);
        var spent = await store.TryClaimRetryAsync(new PackageKey("npm", "claim-spent"), "partial", Now, Now.AddHours(-1), 5);
        var notYet = await store.TryClaimRetryAsync(new PackageKey("npm", "claim-future"), "partial", Now, Now.AddHours(-1), 5);
        var absent = await store.TryClaimRetryAsync(new PackageKey("npm", "claim-absent"), "partial", Now, Now.AddHours(-1), 5);

        Assert.True(first);
        Assert.False(again);
        Assert.True(anHourLater);
        Assert.False(wrongStatus);
        Assert.False(spent);
        Assert.False(notYet);
        Assert.False(absent);
        Assert.Equal(Now.AddMinutes(61), (await store.GetAsync(a))!.RetryDispatchedAt);
        Assert.Null((await store.GetAsync(new PackageKey("npm", "claim-absent"))));
    }

    [Fact]
    public async Task Releasing_a_claim_removes_only_our_own_stamp()
    {
        await PutAllAsync(Record("release-a", 3, Now.AddHours(-5), "partial", Now.AddMinutes(-5), retryCount: 1));
        var store = Store();
        var key = new PackageKey("npm", "release-a");
        Assert.True(await store.TryClaimRetryAsync(key, "partial", Now, Now.AddHours(-1), 5));

        await store.ReleaseRetryClaimAsync(key, Now.AddSeconds(-1)); // not ours: kept
        var kept = (await store.GetAsync(key))!.RetryDispatchedAt;
        await store.ReleaseRetryClaimAsync(key, Now);
        var released = (await store.GetAsync(key))!.RetryDispatchedAt;

        Assert.Equal(Now, kept);
        Assert.Null(released);
        Assert.True(await store.TryClaimRetryAsync(key, "partial", Now.AddSeconds(1), Now.AddHours(-1), 5));
    }

    [Theory]
    [InlineData("npm#lodash", "npm", "lodash")]
    [InlineData("npm#@babel/core", "npm", "@babel/core")]
    [InlineData("pypi#a#b", "pypi", "a#b")]
    public void Partition_keys_of_packages_parse(string pk, string ecosystem, string name)
    {
        Assert.True(DynamoPackageStore.TryParseKey(pk, out var key));
        Assert.Equal(new PackageKey(ecosystem, name), key);
    }

    [Theory]
    [InlineData("FAILED#123")]
    [InlineData("npm#")]
    [InlineData("#lodash")]
    [InlineData("lodash")]
    [InlineData("NPM#lodash")]
    [InlineData(null)]
    public void Other_partition_keys_do_not(string? pk)
    {
        Assert.False(DynamoPackageStore.TryParseKey(pk, out _));
    }
}
