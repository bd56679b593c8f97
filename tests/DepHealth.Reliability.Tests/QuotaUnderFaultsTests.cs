using System.Globalization;
using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Auth;
using DepHealth.Testing;

namespace DepHealth.Reliability.Tests;

/// <summary>
/// The stored usage counter equals the number of admitted requests while UpdateItem and GetItem fail in every way
/// the proxy knows, including writes that are applied but whose answer is lost (500 or dropped connection after
/// the write). Requests run through the real handlers; the usage flush runs after each, as the hosts do.
/// </summary>
public sealed class QuotaUnderFaultsTests
{
    private static readonly FaultRule[] Faults =
    [
        new(DynamoFault.Throttling, "UpdateItem", Fraction: 0.15),
        new(DynamoFault.ProvisionedThroughputExceeded, "UpdateItem", Fraction: 0.05),
        new(DynamoFault.InternalServerError, "UpdateItem", Fraction: 0.05),
        new(DynamoFault.DropConnection, "UpdateItem", Fraction: 0.05),
        new(DynamoFault.InternalServerErrorAfterForward, "UpdateItem", Fraction: 0.1),
        new(DynamoFault.DropConnectionAfterForward, "UpdateItem", Fraction: 0.1),
        new(DynamoFault.Throttling, "GetItem", Fraction: 0.1),
    ];

    private static async Task<long> StoredRequestsAsync(FaultStack stack)
    {
        var item = (await stack.Direct.Client.GetItemAsync(new GetItemRequest
        {
            TableName = stack.Direct.Settings.ApiKeysTable,
            Key = ApiKeysTableLayout.Usage(stack.UserId, QuotaPeriods.MonthId(FaultStack.Start)),
            ConsistentRead = true,
        })).Item;
        return item is { Count: > 0 } && item.TryGetValue("requests", out var r) ? long.Parse(r.N, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Sends <paramref name="count"/> GETs of one (cached) package; returns how many were admitted (200) and refused (503, 429).</summary>
    private static async Task<(int Admitted, int Unavailable, int OverLimit)> SendAsync(FaultStack stack, int count)
    {
        int admitted = 0, unavailable = 0, overLimit = 0;
        for (var i = 0; i < count; i++)
        {
            var response = await stack.HandleGetAsync(FaultStack.NameOf(0));
            switch (response.StatusCode)
            {
                case 200: admitted++; break;
                case 503: unavailable++; break;
                case 429: overLimit++; break;
                default: Assert.Fail($"unexpected status {response.StatusCode}"); break;
            }
            try
            {
                await stack.Api.AfterResponse.RunAfterResponseAsync();
            }
            catch (AggregateException)
            {
                // A failed flush keeps its units for the next one: that is what is being tested.
            }
        }
        return (admitted, unavailable, overLimit);
    }

    private static async Task FlushCleanAsync(FaultStack stack)
    {
        stack.Faults.Clear();
        await stack.Api.AfterResponse.RunAfterResponseAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_stored_count_equals_the_admitted_requests(bool leases)
    {
        await using var stack = await FaultStack.StartAsync(http: false, usage: new UsageMeterOptions { UseLeases = leases });
        await stack.SeedAsync(1);
        Assert.Equal(200, (await stack.HandleGetAsync(FaultStack.NameOf(0))).StatusCode); // warms key and package
        await FlushCleanAsync(stack);

        stack.Faults.Set(seed: leases ? 7 : 8, Faults);
        var (admitted, unavailable, _) = await SendAsync(stack, 60);
        await FlushCleanAsync(stack);

        var injected = stack.Faults.Injected(DynamoFault.InternalServerErrorAfterForward) +
                       stack.Faults.Injected(DynamoFault.DropConnectionAfterForward);
        Assert.True(injected > 0, "no ambiguous write was injected: the test proves nothing");
        Assert.Equal(1 + admitted, await StoredRequestsAsync(stack));
        Assert.True(admitted > 0 && admitted + unavailable == 60, $"admitted {admitted}, unavailable {unavailable}");
    }

    [Fact]
    public async Task At_the_limit_exactly_the_remaining_requests_are_admitted_under_faults()
    {
        await using var stack = await FaultStack.StartAsync(http: false);
        await stack.SeedAsync(1);
        var limit = Tiers.MonthlyLimitOf(Tiers.Free);
        const int remaining = 25;
        await stack.Direct.Client.PutItemAsync(new PutItemRequest
        {
            TableName = stack.Direct.Settings.ApiKeysTable,
            Item = new Dictionary<string, AttributeValue>(ApiKeysTableLayout.Usage(stack.UserId, QuotaPeriods.MonthId(FaultStack.Start)))
            {
                ["requests"] = new() { N = (limit - remaining).ToString(CultureInfo.InvariantCulture) },
                ["committed"] = new() { N = (limit - remaining).ToString(CultureInfo.InvariantCulture) },
            },
        });

        stack.Faults.Set(seed: 3, Faults);
        var (admitted, _, overLimit) = await SendAsync(stack, 80);
        await FlushCleanAsync(stack);

        Assert.Equal(remaining, admitted);
        Assert.True(overLimit > 0);
        Assert.Equal(limit, await StoredRequestsAsync(stack));
    }
}
