using System.Net;
using System.Text.Json;
using DepHealth.Core.Api;
using DepHealth.Testing;

namespace DepHealth.Reliability.Tests;

/// <summary>GET over real HTTP while DynamoDB fails: a stale cached record says so, otherwise a coded 503, never a hang.</summary>
public sealed class GetUnderFaultsTests : IAsyncLifetime
{
    private static readonly ApiOptions Options = new();
    private FaultStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await FaultStack.StartAsync(Options, sdkRetries: 1);
        await _stack.SeedAsync(2);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString()!;

    /// <summary>Warms the key and the package into the process, then lets both cache entries expire.</summary>
    private async Task<string> WarmThenExpireAsync(string name)
    {
        using var warm = await _stack.GetAsync(name);
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        Assert.False(warm.Headers.Contains(CacheStatus.Header) && warm.Headers.GetValues(CacheStatus.Header).Contains(CacheStatus.Stale));
        _stack.Time.Advance(Options.CacheTtl + TimeSpan.FromSeconds(1));
        return await warm.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData(DynamoFault.ProvisionedThroughputExceeded)]
    [InlineData(DynamoFault.Throttling)]
    [InlineData(DynamoFault.InternalServerError)]
    [InlineData(DynamoFault.DropConnection)]
    public async Task A_cached_record_is_served_stale_and_marked_when_every_read_fails(DynamoFault fault)
    {
        var name = FaultStack.NameOf(0);
        var fresh = await WarmThenExpireAsync(name);
        _stack.Faults.Set(new FaultRule(fault, "GetItem"));

        using var response = await _stack.GetAsync(name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CacheStatus.Stale, Assert.Single(response.Headers.GetValues(CacheStatus.Header)));
        Assert.Equal(fresh, await response.Content.ReadAsStringAsync());
        // The SDK retried once before giving up: 2 package reads, and the expired key check was faulted too.
        Assert.True(_stack.Faults.Injected(fault, "GetItem") >= 4, $"{_stack.Faults.Injected(fault, "GetItem")} faults");
    }

    [Fact]
    public async Task Without_a_cached_record_the_answer_is_a_coded_503()
    {
        using (var warmKey = await _stack.GetAsync(FaultStack.NameOf(0)))
            Assert.Equal(HttpStatusCode.OK, warmKey.StatusCode);
        _stack.Faults.Set(new FaultRule(DynamoFault.InternalServerError, "GetItem"));

        using var response = await _stack.GetAsync(FaultStack.NameOf(1));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(ErrorCodes.ServiceUnavailable, await ErrorCodeAsync(response));
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Transient_throttling_is_retried_and_invisible()
    {
        _stack.Faults.Set(new FaultRule(DynamoFault.ProvisionedThroughputExceeded, "GetItem", Limit: 1));
        using var response = await _stack.GetAsync(FaultStack.NameOf(1));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(CacheStatus.Header) && response.Headers.GetValues(CacheStatus.Header).Contains(CacheStatus.Stale));
        Assert.Equal(1, _stack.Faults.Injected(DynamoFault.ProvisionedThroughputExceeded));
    }

    [Fact]
    public async Task A_hung_read_gives_way_to_the_stale_record_at_the_store_timeout()
    {
        var name = FaultStack.NameOf(0);
        var fresh = await WarmThenExpireAsync(name);
        _stack.Faults.Set(new FaultRule(DynamoFault.Hang, "GetItem"));

        var pending = _stack.GetAsync(name);
        // The key check hangs first (its cache entry expired too): at its timeout the stale identity lets it through.
        await _stack.Faults.NextHangAsync();
        Assert.False(pending.IsCompleted);
        _stack.Time.Advance(Options.StoreTimeout);
        // Then the package read hangs: at its timeout the stale record is served.
        await _stack.Faults.NextHangAsync();
        Assert.False(pending.IsCompleted);
        _stack.Time.Advance(Options.StoreTimeout);

        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CacheStatus.Stale, Assert.Single(response.Headers.GetValues(CacheStatus.Header)));
        Assert.Equal(fresh, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_hung_quota_write_is_cut_at_the_request_deadline_with_a_coded_503()
    {
        _stack.Faults.Set(new FaultRule(DynamoFault.Hang, "UpdateItem"));
        var pending = _stack.GetAsync(FaultStack.NameOf(1));
        await _stack.Faults.NextHangAsync();
        Assert.False(pending.IsCompleted);

        _stack.Time.Advance(Options.RequestDeadline);

        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(ErrorCodes.DeadlineExceeded, await ErrorCodeAsync(response));
    }
}
