using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Storage;
using DepHealth.Testing;

namespace DepHealth.Reliability.Tests;

/// <summary>The proxy injects what it claims, in the shape the AWS SDK parses, per operation and fraction.</summary>
public sealed class FaultProxyTests : IAsyncLifetime
{
    private FaultStack _stack = null!;

    public async Task InitializeAsync() => _stack = await FaultStack.StartAsync(sdkRetries: 0, http: false);

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private GetItemRequest PackageGet(string name) => new()
    {
        TableName = _stack.Proxied.Settings.PackagesTable,
        Key = PackageItemMapper.KeyOf(new PackageKey("npm", name)),
    };

    [Fact]
    public async Task Error_responses_arrive_as_the_sdks_typed_exceptions()
    {
        var client = _stack.Proxied.Client;
        _stack.Faults.Set(new FaultRule(DynamoFault.ProvisionedThroughputExceeded, "GetItem", Limit: 1),
            new FaultRule(DynamoFault.Throttling, "GetItem", Limit: 1),
            new FaultRule(DynamoFault.InternalServerError, "GetItem", Limit: 1));

        await Assert.ThrowsAsync<ProvisionedThroughputExceededException>(() => client.GetItemAsync(PackageGet("a")));
        var throttled = await Assert.ThrowsAsync<ThrottlingException>(() => client.GetItemAsync(PackageGet("a")));
        Assert.Equal(400, (int)throttled.StatusCode);
        await Assert.ThrowsAsync<InternalServerErrorException>(() => client.GetItemAsync(PackageGet("a")));
        // Rules exhausted: the next request reaches dynalite.
        var passed = await client.GetItemAsync(PackageGet("a"));
        Assert.True(passed.Item is null || passed.Item.Count == 0);
        Assert.Equal(3, _stack.Faults.TotalInjected);
    }

    [Fact]
    public async Task Faults_target_one_operation_and_leave_the_others_alone()
    {
        await _stack.SeedAsync(3);
        _stack.Faults.Set(new FaultRule(DynamoFault.InternalServerError, "BatchGetItem"));
        var store = new DynamoPackageStore(_stack.Proxied);

        Assert.NotNull(await store.GetAsync(new PackageKey("npm", FaultStack.NameOf(0))));
        var batch = await store.GetManyAsync([new PackageKey("npm", FaultStack.NameOf(1)), new PackageKey("npm", FaultStack.NameOf(2))]);
        Assert.Empty(batch.Found);
        Assert.Equal(2, batch.Unavailable.Count);
        Assert.Equal(0, _stack.Faults.Injected(DynamoFault.InternalServerError, "GetItem"));
        Assert.Equal(1, _stack.Faults.Injected(DynamoFault.InternalServerError, "BatchGetItem"));
    }

    [Fact]
    public async Task A_fraction_faults_about_that_share_of_requests_reproducibly()
    {
        var client = _stack.Proxied.Client;
        async Task<int> RunAsync()
        {
            _stack.Faults.Set(seed: 42, new FaultRule(DynamoFault.Throttling, "GetItem", Fraction: 0.3));
            var failed = 0;
            for (var i = 0; i < 200; i++)
            {
                try { await client.GetItemAsync(PackageGet("a")); }
                catch (ThrottlingException) { failed++; }
            }
            return failed;
        }

        var first = await RunAsync();
        Assert.InRange(first, 40, 80); // 30% of 200, with a wide margin
        Assert.Equal(first, await RunAsync()); // same seed, same faults
    }

    [Fact]
    public async Task Dropped_connections_fail_and_after_forward_faults_still_apply_the_write()
    {
        var client = _stack.Proxied.Client;
        var record = FaultStack.Record("dropped", 70, FaultStack.Start);
        // Unlimited: HttpClient itself silently resends a request once when a reused connection drops.
        _stack.Faults.Set(new FaultRule(DynamoFault.DropConnection, "PutItem"));
        await Assert.ThrowsAnyAsync<Exception>(() => client.PutItemAsync(new PutItemRequest
        {
            TableName = _stack.Proxied.Settings.PackagesTable, Item = PackageItemMapper.ToItem(record),
        }));
        Assert.Null(await new DynamoPackageStore(_stack.Direct).GetAsync(new PackageKey("npm", "dropped")));

        _stack.Faults.Set(new FaultRule(DynamoFault.DropConnectionAfterForward, "PutItem"));
        await Assert.ThrowsAnyAsync<Exception>(() => client.PutItemAsync(new PutItemRequest
        {
            TableName = _stack.Proxied.Settings.PackagesTable, Item = PackageItemMapper.ToItem(record),
        }));
        // The caller saw a failure, yet DynamoDB applied it: the ambiguity the quota code must survive.
        Assert.NotNull(await new DynamoPackageStore(_stack.Direct).GetAsync(new PackageKey("npm", "dropped")));
    }

    [Fact]
    public async Task A_hang_holds_the_request_until_the_client_gives_up()
    {
        _stack.Faults.Set(new FaultRule(DynamoFault.Hang, "GetItem"));
        using var cts = new CancellationTokenSource();
        var call = _stack.Proxied.Client.GetItemAsync(PackageGet("a"), cts.Token);
        await _stack.Faults.NextHangAsync();
        Assert.False(call.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
