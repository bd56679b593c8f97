using System.Text.Json;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Storage;
using DepHealth.Emulator.Lambda;
using DepHealth.Emulator.Upstream;
using DepHealth.Emulator.Upstream.Faults;
using DepHealth.Lambda.Tests.Sqs;

namespace DepHealth.Lambda.Tests.EndToEnd;

/// <summary>
/// The published AOT Collector, started as Lambda starts it, handed an SQS batch: it collects from the upstream
/// emulator into dynalite and answers batchItemFailures naming exactly the message that failed.
/// </summary>
[Collection(PublishedFunctionsCollection.Name)]
public class CollectorEndToEndTests(PublishedFunctions functions)
{
    [Fact]
    public async Task An_sqs_batch_with_one_failing_message_reports_exactly_that_message_id()
    {
        await using var upstream = await UpstreamEmulator.StartAsync(new UpstreamEmulatorOptions { SyntheticPackagesPerEcosystem = 10 });
        upstream.Faults.Add(FaultRule.Status(null, 503, package: "body-parser")); // no source answers for it
        var environment = functions.Stack.Environment.ToDictionary();
        foreach (var (name, value) in upstream.BaseUrls.EnvironmentVariables)
            environment[name] = value;
        await using var emu = await LambdaEmulator.StartAsync(functions.Collector.File("bootstrap"), environment);
        static string Body(string name) => new CollectionMessage { Ecosystem = "npm", Name = name, Reason = CollectionReasons.ScanDiscovery }.ToJson();

        var result = await emu.InvokeAsync(SqsBatchHandlerTests.Batch(
            ("e2e-ok", Body("express")),
            ("e2e-fails", Body("body-parser")),
            ("e2e-rejected", """{"ecosystem":"npm","name":"Bad Name!"}""")), TimeSpan.FromSeconds(120));

        Assert.True(result.IsSuccess, $"{result.Status} {result.ErrorType}: {result.PayloadText}\n{string.Join('\n', emu.Output)}");
        var failures = JsonDocument.Parse(result.PayloadText).RootElement.GetProperty("batchItemFailures").EnumerateArray()
            .Select(f => f.GetProperty("itemIdentifier").GetString()).ToList();
        Assert.Equal(["e2e-fails"], failures);
        var store = new DynamoPackageStore(functions.Stack.Clients);
        var express = await store.GetAsync(new PackageKey("npm", "express"));
        Assert.NotNull(express?.HealthScore);
        Assert.Contains("deps.dev", express!.Sources!);
        Assert.Null(await store.GetAsync(new PackageKey("npm", "body-parser")));
        Assert.Contains(emu.Output, line => line.Contains("e2e-fails will be retried", StringComparison.Ordinal));
    }
}
