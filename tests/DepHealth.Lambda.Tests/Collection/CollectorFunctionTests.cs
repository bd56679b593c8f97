using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Emulator.Upstream;
using DepHealth.Emulator.Upstream.Faults;
using DepHealth.Emulator.Upstream.Universe;
using DepHealth.Lambda.Collection;
using DepHealth.Lambda.Tests.Sqs;

namespace DepHealth.Lambda.Tests.Collection;

/// <summary>
/// The collector function in-process: SQS events through the real adapter, Core's processor, the upstream emulator
/// and dynalite; the response's batchItemFailures are exactly the messages worth delivering again.
/// </summary>
public sealed class CollectorFunctionTests(CollectionStack stack) : IClassFixture<CollectionStack>
{
    private static string Message(string name, bool force = false, string reason = CollectionReasons.GetDiscovery) =>
        new CollectionMessage { Ecosystem = "npm", Name = name, ForceRefresh = force, Reason = reason }.ToJson();

    private int DepsDevPackageCalls(string name) =>
        stack.Upstream.Log.For(UpstreamKind.DepsDev).Count(r => r.Subject == name && r.Path.EndsWith("/packages/" + name, StringComparison.Ordinal));

    [Fact]
    public async Task Only_the_message_whose_collection_failed_is_reported_for_retry()
    {
        var (processor, client) = stack.Processor();
        using var _ = client;
        var rule = stack.Upstream.Faults.Add(FaultRule.Status(null, 503, package: "chalk")); // every upstream fails for chalk
        try
        {
            var log = new StringWriter();
            var function = CollectionFunctions.Collector(processor, log);

            var response = await function.Handler.InvokeAsync(SqsBatchHandlerTests.Invocation(SqsBatchHandlerTests.Batch(
                ("m-express", Message("express")),
                ("m-chalk", Message("chalk")),
                ("m-garbage", "not a message"),
                ("m-cargo", """{"ecosystem":"cargo","name":"serde"}"""),
                ("m-missing", Message(SpecialPackages.Missing)))), CancellationToken.None);

            Assert.Equal(["m-chalk"], SqsBatchHandlerTests.FailedIds(response));
            var express = await stack.Store.GetAsync(new PackageKey("npm", "express"));
            Assert.NotNull(express?.HealthScore);
            Assert.Equal(stack.Time.GetUtcNow(), express!.CollectedAt);
            Assert.Null(await stack.Store.GetAsync(new PackageKey("npm", "chalk")));            // a failed collection writes nothing
            Assert.Null(await stack.Store.GetAsync(new PackageKey("npm", SpecialPackages.Missing))); // unknown everywhere: skipped
            Assert.Contains("message m-chalk will be retried: npm#chalk failed: upstreams_failed", log.ToString());
            Assert.Contains("message m-garbage done: (unparsed) rejected", log.ToString());
        }
        finally
        {
            stack.Upstream.Faults.Remove(rule);
        }
    }

    [Fact]
    public async Task A_package_collected_within_30_minutes_is_skipped_unless_forced_and_neither_is_retried()
    {
        var (processor, client) = stack.Processor();
        using var _ = client;
        var function = CollectionFunctions.Collector(processor, TextWriter.Null);
        var key = new PackageKey("npm", "debug");

        var first = await function.Handler.InvokeAsync(SqsBatchHandlerTests.Invocation(SqsBatchHandlerTests.Batch(("d-1", Message("debug")))), default);
        var collectedAt = (await stack.Store.GetAsync(key))!.CollectedAt;
        stack.Time.Advance(TimeSpan.FromMinutes(10));
        var calls = DepsDevPackageCalls("debug");
        var deduped = await function.Handler.InvokeAsync(SqsBatchHandlerTests.Invocation(SqsBatchHandlerTests.Batch(
            ("d-2", Message("debug", reason: CollectionReasons.ScanDiscovery)))), default);
        var callsAfterDedup = DepsDevPackageCalls("debug");
        var forced = await function.Handler.InvokeAsync(SqsBatchHandlerTests.Invocation(SqsBatchHandlerTests.Batch(
            ("d-3", Message("debug", force: true, reason: CollectionReasons.Retry)))), default);

        Assert.Empty(SqsBatchHandlerTests.FailedIds(first));
        Assert.Empty(SqsBatchHandlerTests.FailedIds(deduped));
        Assert.Empty(SqsBatchHandlerTests.FailedIds(forced));
        Assert.Equal(calls, callsAfterDedup); // the deduplicated message cost no upstream call
        Assert.Equal(collectedAt!.Value.AddMinutes(10), (await stack.Store.GetAsync(key))!.CollectedAt);
    }
}
