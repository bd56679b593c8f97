using System.Text.Json;
using DepHealth.Core.Json;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Testing;

namespace DepHealth.Reliability.Tests;

/// <summary>Package writes under faults: each is whole or absent, retried writes land once, an older record never wins.</summary>
public sealed class WritesUnderFaultsTests : IAsyncLifetime
{
    private static readonly PackageKey Key = new("npm", "rel-write");
    private FaultStack _stack = null!;

    public async Task InitializeAsync() => _stack = await FaultStack.StartAsync(http: false);

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private static string Json(PackageRecord? record) =>
        record is null ? "null" : JsonSerializer.Serialize(record, DepHealthJsonContext.Default.PackageRecord);

    private async Task<string> StoredAsync() => Json(await new DynamoPackageStore(_stack.Direct).GetAsync(Key));

    [Fact]
    public async Task Each_write_is_whole_and_conditional_whatever_fails_around_it()
    {
        var store = new DynamoPackageStore(_stack.Proxied);
        var v1 = FaultStack.Record(Key.Name, 60, FaultStack.Start.AddHours(-2));
        var v2 = FaultStack.Record(Key.Name, 75, FaultStack.Start.AddHours(-1));
        var v3 = FaultStack.Record(Key.Name, 90, FaultStack.Start);

        // Applied, answer lost, retried by the SDK: the retry passes the same condition and rewrites the same item.
        _stack.Faults.Set(new FaultRule(DynamoFault.InternalServerErrorAfterForward, "PutItem", Limit: 1));
        Assert.Equal(WriteOutcome.Written, await store.PutAsync(v2));
        Assert.Equal(Json(v2), await StoredAsync());

        // An older collection loses even when its rejection is lost on the way back.
        _stack.Faults.Set(new FaultRule(DynamoFault.DropConnectionAfterForward, "PutItem", Limit: 1));
        Assert.Equal(WriteOutcome.RejectedAsOlder, await store.PutAsync(v1));
        Assert.Equal(Json(v2), await StoredAsync());

        // Nothing reaches the store, then everything fails: the stored record stays whole.
        _stack.Faults.Set(new FaultRule(DynamoFault.InternalServerError, "PutItem"));
        await Assert.ThrowsAnyAsync<Exception>(() => store.PutAsync(v3));
        Assert.Equal(Json(v2), await StoredAsync());

        // Throttled and dropped before the store, then through: the newer record lands, whole.
        _stack.Faults.Set(new FaultRule(DynamoFault.ProvisionedThroughputExceeded, "PutItem", Limit: 1),
            new FaultRule(DynamoFault.DropConnection, "PutItem", Limit: 1));
        Assert.Equal(WriteOutcome.Written, await store.PutAsync(v3));
        Assert.Equal(Json(v3), await StoredAsync());
    }
}
