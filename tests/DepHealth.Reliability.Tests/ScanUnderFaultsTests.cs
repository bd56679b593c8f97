using System.Net;
using System.Text.Json;
using DepHealth.Core.Api;
using DepHealth.Testing;

namespace DepHealth.Reliability.Tests;

/// <summary>POST /v1/scan over real HTTP when some BatchGetItem requests fail: what was read is returned, the rest listed as unavailable.</summary>
public sealed class ScanUnderFaultsTests : IAsyncLifetime
{
    private const int Packages = 50; // two 25-key BatchGetItem requests
    private static readonly ApiOptions Options = new();
    private FaultStack _stack = null!;
    private string[] _names = [];

    public async Task InitializeAsync()
    {
        _stack = await FaultStack.StartAsync(Options, sdkRetries: 0);
        await _stack.SeedAsync(Packages);
        _names = Enumerable.Range(0, Packages).Select(FaultStack.NameOf).ToArray();
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private static (string[] Found, string[] Unavailable, string[] NotFound) Parse(string body)
    {
        var root = JsonDocument.Parse(body).RootElement;
        return (root.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("package").GetString()!).ToArray(),
            root.GetProperty("unavailable").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            root.GetProperty("not_found").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    private void AssertPartition(string[] found, string[] unavailable, string[] notFound, int expectUnavailable)
    {
        Assert.Empty(notFound); // a failed read is never reported as "unknown package"
        Assert.Equal(expectUnavailable, unavailable.Length);
        Assert.Equal(Packages - expectUnavailable, found.Length);
        Assert.Equal(_names.Order(), found.Concat(unavailable).Order());
    }

    [Theory]
    [InlineData(DynamoFault.ProvisionedThroughputExceeded)]
    [InlineData(DynamoFault.Throttling)]
    [InlineData(DynamoFault.InternalServerError)]
    public async Task One_failed_batch_leaves_its_keys_unavailable_and_the_others_found(DynamoFault fault)
    {
        _stack.Faults.Set(new FaultRule(fault, "BatchGetItem", Limit: 1));

        using var response = await _stack.ScanAsync(_names);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (found, unavailable, notFound) = Parse(await response.Content.ReadAsStringAsync());
        AssertPartition(found, unavailable, notFound, 25);
    }

    [Theory]
    [InlineData(DynamoFault.InternalServerError)]
    [InlineData(DynamoFault.DropConnection)]
    public async Task The_store_failing_entirely_still_answers_with_every_name_unavailable(DynamoFault fault)
    {
        _stack.Faults.Set(new FaultRule(fault, "BatchGetItem"));
        using var response = await _stack.ScanAsync(_names);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (found, unavailable, notFound) = Parse(await response.Content.ReadAsStringAsync());
        AssertPartition(found, unavailable, notFound, Packages);

        // Once the store is back, nothing failed is remembered as missing: the same scan finds everything.
        _stack.Faults.Clear();
        using var again = await _stack.ScanAsync(_names);
        var (found2, unavailable2, notFound2) = Parse(await again.Content.ReadAsStringAsync());
        AssertPartition(found2, unavailable2, notFound2, 0);
    }

    [Fact]
    public async Task A_hung_batch_is_cut_at_the_store_timeout_and_the_read_one_returned()
    {
        // One batch at a time, the second hangs: the first is certainly read when the clock moves.
        await _stack.DisposeAsync();
        _stack = await FaultStack.StartAsync(Options, sdkRetries: 0, batches: new() { MaxConcurrency = 1 });
        await _stack.SeedAsync(Packages);
        _stack.Faults.Set(new FaultRule(DynamoFault.Hang, "BatchGetItem", Limit: 1) { Skip = 1 });
        var pending = _stack.ScanAsync(_names);
        await _stack.Faults.NextHangAsync();
        Assert.False(pending.IsCompleted);

        _stack.Time.Advance(Options.StoreTimeout);

        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (found, unavailable, notFound) = Parse(await response.Content.ReadAsStringAsync());
        AssertPartition(found, unavailable, notFound, 25);
    }

    [Fact]
    public async Task A_key_check_outage_before_any_key_was_seen_is_a_coded_503_not_a_401()
    {
        _stack.Faults.Set(new FaultRule(DynamoFault.InternalServerError, "GetItem"));
        using var response = await _stack.ScanAsync(_names);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var code = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString();
        Assert.Equal(ErrorCodes.ServiceUnavailable, code);
    }
}
