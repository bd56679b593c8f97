using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Json;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Storage.Tests;

/// <summary>DynamoPackageStore against a real dynalite: mapping, GetItem, BatchGetItem, conditional writes.</summary>
public sealed class PackageStoreTests(DynamoFixture db) : IClassFixture<DynamoFixture>
{
    private static string Json(PackageRecord r) => JsonSerializer.Serialize(r, DepHealthJsonContext.Default.PackageRecord);

    private DynamoPackageStore Store(BatchReadOptions? options = null) => new(db.ProxiedClients, options);

    private async Task<Dictionary<string, AttributeValue>> RawItemAsync(string pk) =>
        (await db.Client.GetItemAsync(new GetItemRequest
        {
            TableName = db.Settings.PackagesTable,
            Key = new() { ["pk"] = new AttributeValue { S = pk }, ["sk"] = new AttributeValue { S = "LATEST" } },
        })).Item;

    [Fact]
    public async Task Full_record_round_trips_every_attribute_exactly()
    {
        var record = PackageFixtures.Full("round-trip");
        // The fixture really sets every attribute (else this test would prove less than it claims).
        foreach (var p in typeof(PackageRecord).GetProperties())
            Assert.True(p.GetValue(record) is not null, $"fixture leaves {p.Name} null");

        var store = Store();
        Assert.Equal(WriteOutcome.Written, await store.PutAsync(record));
        var back = await store.GetAsync(new PackageKey("npm", "round-trip"));

        Assert.NotNull(back);
        Assert.Equal(Json(record), Json(back));
        Assert.Equal(11.899999999999999, back.AvgIssueResponseHours);
        Assert.Equal(2_345_678_901, back.WeeklyDownloads);
    }

    [Fact]
    public async Task Stored_item_keeps_attributes_top_level_with_exact_number_text_and_fixed_width_times()
    {
        var record = PackageFixtures.Full("layout");
        record.LastUpdated = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(2)); // 08:00Z
        await Store().PutAsync(record);

        var item = await RawItemAsync("npm#layout");
        Assert.Equal("LATEST", item["sk"].S);
        Assert.Equal("11.899999999999999", item["avg_issue_response_hours"].N);
        Assert.Equal("2", item["tier"].N);
        Assert.Equal("HIGH", item["risk_level"].S);
        Assert.Equal("partial", item["data_status"].S);
        Assert.Equal("2026-11-20T08:00:00.0000000Z", item["last_updated"].S);
        Assert.Equal("2026-11-20T10:30:15.0000000Z", item["next_retry_at"].S);
        Assert.Equal("2018-04-09T00:00:00.0000001Z", item["last_published"].S);
        Assert.Equal("12.5", item["score_components"].M["maintainer_health"].N);
        Assert.Equal("azer", item["contribution_distribution"].L[0].M["login"].S);
        Assert.True(item["is_deprecated"].BOOL);
        Assert.False(item["archived"].BOOL);
    }

    [Fact]
    public async Task Nulls_and_empty_strings_are_not_written()
    {
        var record = PackageFixtures.Minimal("pypi", "sparse");
        record.DeprecationMessage = "";
        record.LatestVersion = null;
        await Store().PutAsync(record);

        var item = await RawItemAsync("pypi#sparse");
        Assert.False(item.ContainsKey("deprecation_message"));
        Assert.False(item.ContainsKey("latest_version"));
        Assert.False(item.ContainsKey("stars"));
        Assert.Equal("pypi", item["ecosystem"].S);
    }

    [Fact]
    public async Task Get_of_a_missing_package_is_null()
    {
        Assert.Null(await Store().GetAsync(new PackageKey("npm", "does-not-exist")));
    }

    private async Task<PackageKey[]> SeedAsync(string prefix, int count)
    {
        var store = new DynamoPackageStore(db.Direct);
        var keys = Enumerable.Range(0, count).Select(i => new PackageKey("npm", $"{prefix}-{i}")).ToArray();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (k, ct) =>
            await store.PutAsync(PackageFixtures.Minimal(k.Ecosystem, k.Name, score: k.Name.Length + 0.5), ct));
        return keys;
    }

    [Theory]
    [InlineData(100, 4)]
    [InlineData(1000, 40)]
    public async Task GetMany_reads_every_key_in_concurrent_25_key_batches(int count, int expectedRequests)
    {
        var keys = await SeedAsync($"many{count}", count);
        db.Proxy.ResetCounters();
        db.Proxy.Latency = TimeSpan.FromMilliseconds(20); // so requests overlap visibly
        try
        {
            var result = await Store().GetManyAsync(keys);

            Assert.Equal(count, result.Found.Count);
            Assert.Empty(result.Unavailable);
            foreach (var k in keys)
                Assert.Equal(k.Name, result.Found[k].Name);
            Assert.Equal(expectedRequests, db.Proxy.CountOf("BatchGetItem"));
            Assert.True(db.Proxy.MaxConcurrent > 1, $"batches ran one at a time (max in flight {db.Proxy.MaxConcurrent})");
            var bound = new BatchReadOptions().MaxConcurrency;
            Assert.True(db.Proxy.MaxConcurrent <= bound, $"more than MaxConcurrency ({bound}) in flight: {db.Proxy.MaxConcurrent}");
        }
        finally
        {
            db.Proxy.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Baseline_option_runs_batches_one_at_a_time()
    {
        var keys = await SeedAsync("baseline", 100);
        db.Proxy.ResetCounters();
        db.Proxy.Latency = TimeSpan.FromMilliseconds(10);
        try
        {
            var result = await Store(BatchReadOptions.Baseline).GetManyAsync(keys);
            Assert.Equal(100, result.Found.Count);
            Assert.Equal(4, db.Proxy.CountOf("BatchGetItem"));
            Assert.Equal(1, db.Proxy.MaxConcurrent);
        }
        finally
        {
            db.Proxy.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task GetMany_deduplicates_keys_and_omits_missing_ones()
    {
        var keys = await SeedAsync("dup", 30);
        // Every key three times, plus keys that do not exist. dynalite rejects a request holding a duplicate key,
        // so success also proves no request carried one.
        var input = keys.Concat(keys).Concat(keys).Append(new PackageKey("npm", "dup-missing")).Append(new PackageKey("pypi", "dup-0")).ToList();
        db.Proxy.ResetCounters();

        var result = await Store().GetManyAsync(input);

        Assert.Equal(30, result.Found.Count);
        Assert.Empty(result.Unavailable);
        Assert.False(result.Found.ContainsKey(new PackageKey("npm", "dup-missing")));
        Assert.Equal(2, db.Proxy.CountOf("BatchGetItem")); // 32 distinct keys → 25 + 7
    }

    /// <summary>Moves every returned item of a BatchGetItem response into UnprocessedKeys (by key only).</summary>
    private static ProxyReply MoveAllToUnprocessed(ProxyCall call)
    {
        var body = JsonNode.Parse(call.Body)!.AsObject();
        var responses = body["Responses"]!.AsObject();
        var unprocessed = new JsonObject();
        foreach (var (table, items) in responses.ToList())
        {
            var keys = new JsonArray();
            foreach (var item in items!.AsArray())
                keys.Add(new JsonObject { ["pk"] = item!["pk"]!.DeepClone(), ["sk"] = item["sk"]!.DeepClone() });
            unprocessed[table] = new JsonObject { ["Keys"] = keys };
            responses[table] = new JsonArray();
        }
        body["UnprocessedKeys"] = unprocessed;
        return new ProxyReply(call.Status, JsonSerializer.SerializeToUtf8Bytes(body));
    }

    [Fact]
    public async Task Unprocessed_keys_are_retried_until_read()
    {
        var keys = await SeedAsync("unproc", 60);
        db.Proxy.ResetCounters();
        db.Proxy.RewriteResponse = call => call.Operation == "BatchGetItem" && call.CallNumber <= 5 ? MoveAllToUnprocessed(call) : null;
        try
        {
            var options = new BatchReadOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) };
            var result = await Store(options).GetManyAsync(keys);

            Assert.Equal(60, result.Found.Count);
            Assert.Empty(result.Unavailable);
            Assert.Equal(3 + 5, db.Proxy.CountOf("BatchGetItem")); // 3 chunks, 5 answers turned into retries
        }
        finally
        {
            db.Proxy.RewriteResponse = null;
        }
    }

    [Fact]
    public async Task Unprocessed_key_backoff_runs_on_the_injected_clock()
    {
        var keys = await SeedAsync("clock", 10);
        db.Proxy.ResetCounters();
        db.Proxy.RewriteResponse = call => call.Operation == "BatchGetItem" && call.CallNumber <= 2 ? MoveAllToUnprocessed(call) : null;
        try
        {
            // Ten-minute backoffs: the read can only finish if the store waits on the fake clock, not the real one.
            var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
            var options = new BatchReadOptions { BaseRetryDelay = TimeSpan.FromMinutes(10), MaxRetryDelay = TimeSpan.FromMinutes(10) };
            var store = new DynamoPackageStore(db.ProxiedClients, options, clock, randomizer: () => 0.5);
            var read = store.GetManyAsync(keys);
            for (var i = 0; i < 1000 && !read.IsCompleted; i++)
            {
                clock.Advance(TimeSpan.FromMinutes(10));
                await Task.WhenAny(read, Task.Delay(10)); // let the loopback I/O run
            }

            var result = await read;
            Assert.Equal(10, result.Found.Count);
            Assert.Equal(3, db.Proxy.CountOf("BatchGetItem"));
            Assert.True(clock.GetUtcNow() >= DateTimeOffset.UnixEpoch.AddMinutes(20));
        }
        finally
        {
            db.Proxy.RewriteResponse = null;
        }
    }

    [Fact]
    public async Task Keys_still_unprocessed_after_the_last_retry_are_reported_unavailable()
    {
        var keys = await SeedAsync("stuck", 30);
        db.Proxy.ResetCounters();
        // The 7-key chunk is never processed; the 25-key chunk is answered.
        db.Proxy.RewriteResponse = call =>
            call.Operation == "BatchGetItem" && JsonNode.Parse(call.Body)!["Responses"]!.AsObject().First().Value!.AsArray().Count < 25
                ? MoveAllToUnprocessed(call) : null;
        try
        {
            var options = new BatchReadOptions
            {
                KeysPerRequest = 25, MaxUnprocessedRetries = 3,
                BaseRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            };
            var result = await Store(options).GetManyAsync(keys.Take(25).Concat(keys.Skip(25).Take(5)).ToArray());

            Assert.Equal(25, result.Found.Count);
            Assert.Equal(5, result.Unavailable.Count);
            Assert.Equal(keys.Skip(25).Take(5).ToHashSet(), result.Unavailable.ToHashSet());
            Assert.Equal(1 + 4, db.Proxy.CountOf("BatchGetItem")); // answered chunk + first attempt and 3 retries
        }
        finally
        {
            db.Proxy.RewriteResponse = null;
        }
    }

    [Fact]
    public async Task Keys_of_a_failed_request_are_reported_unavailable_not_dropped()
    {
        var keys = await SeedAsync("fail", 50);
        db.Proxy.ResetCounters();
        var failed = 0;
        // The first BatchGetItem fails with a server error (the fixture's client does no SDK retries).
        db.Proxy.RewriteResponse = call => call.Operation == "BatchGetItem" && Interlocked.Increment(ref failed) == 1
            ? new ProxyReply(500, """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"boom"}"""u8.ToArray())
            : null;
        try
        {
            var result = await Store().GetManyAsync(keys);

            Assert.Equal(25, result.Found.Count);
            Assert.Equal(25, result.Unavailable.Count);
            Assert.Empty(result.Found.Keys.Intersect(result.Unavailable));
            Assert.Equal(keys.ToHashSet(), result.Found.Keys.Concat(result.Unavailable).ToHashSet());
        }
        finally
        {
            db.Proxy.RewriteResponse = null;
        }
    }

    [Fact]
    public async Task Older_collection_is_rejected_and_newer_accepted()
    {
        var store = Store();
        var t = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(WriteOutcome.Written, await store.PutAsync(PackageFixtures.Minimal("npm", "cond", t, score: 70)));

        // 0.5 s earlier, written with a +02:00 offset: lexicographically "14:..." > "12:..." unless normalised.
        var older = new DateTimeOffset(2026, 11, 20, 13, 59, 59, 500, TimeSpan.FromHours(2));
        Assert.Equal(WriteOutcome.RejectedAsOlder, await store.PutAsync(PackageFixtures.Minimal("npm", "cond", older, score: 10)));
        Assert.Equal(70, (await store.GetAsync(new PackageKey("npm", "cond")))!.HealthScore);

        // A placeholder without collected_at never replaces a collected record.
        var placeholder = PackageFixtures.Minimal("npm", "cond", score: 1);
        placeholder.CollectedAt = null;
        Assert.Equal(WriteOutcome.RejectedAsOlder, await store.PutAsync(placeholder));

        // Same instant (a retried write) and a later one are accepted; 1 tick later still counts as later.
        Assert.Equal(WriteOutcome.Written, await store.PutAsync(PackageFixtures.Minimal("npm", "cond", t, score: 71)));
        Assert.Equal(WriteOutcome.Written, await store.PutAsync(PackageFixtures.Minimal("npm", "cond", t.AddTicks(1), score: 80)));
        Assert.Equal(WriteOutcome.RejectedAsOlder, await store.PutAsync(PackageFixtures.Minimal("npm", "cond", t, score: 72)));
        Assert.Equal(80, (await store.GetAsync(new PackageKey("npm", "cond")))!.HealthScore);
    }

    [Fact]
    public async Task Placeholder_is_written_when_nothing_is_stored()
    {
        var placeholder = PackageFixtures.Minimal("pypi", "fresh-placeholder");
        placeholder.CollectedAt = null;
        placeholder.DataStatus = "pending";
        Assert.Equal(WriteOutcome.Written, await Store().PutAsync(placeholder));
        Assert.Equal("pending", (await Store().GetAsync(new PackageKey("pypi", "fresh-placeholder")))!.DataStatus);
    }

    [Fact]
    public async Task Records_are_queryable_through_the_risk_level_index()
    {
        var record = PackageFixtures.Minimal("npm", "gsi-visible");
        record.RiskLevel = "CRITICAL";
        await Store().PutAsync(record);

        var response = await db.Client.QueryAsync(new QueryRequest
        {
            TableName = db.Settings.PackagesTable,
            IndexName = TableDefinitions.RiskLevelIndex,
            KeyConditionExpression = "risk_level = :r",
            ExpressionAttributeValues = new() { [":r"] = new AttributeValue { S = "CRITICAL" } },
        });
        Assert.Contains(response.Items, i => i["pk"].S == "npm#gsi-visible");
    }
}
