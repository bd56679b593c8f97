using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using DepHealth.Bench.Harness;
using DepHealth.Bench.Micro;
using DepHealth.Core.Api;
using DepHealth.Core.Auth;
using DepHealth.Core.Manifests;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Testing;

namespace DepHealth.Bench.Suites;

/// <summary>
/// POST /v1/scan in the handler against dynalite behind the +5 ms proxy, every dependency stored and the package cache
/// off (each scan reads the store): ~100 dependencies of a corpus package.json and ~1000 of a corpus lockfile,
/// concurrent BatchGetItem vs one batch at a time; beside them what one proxied round trip costs, and parse costs.
/// </summary>
public static class ScanSuite
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(5);

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var (smallFile, webpack) = Manifest("npm", "webpack__webpack__package.json");
        var small = webpack.Take(100).ToList();
        var (largeFile, large) = LargestLockfile();
        var records = small.Concat(large).Distinct().Select(n => ApiCalls.Record(n)).ToList();
        context.Log.WriteLine($"scan: storing {records.Count} packages ...");
        await using var dynamo = await ProxiedDynamo.StartAsync(Latency, records);

        var concurrent = ApiApplication.FromDynamo(dynamo.Clients, new ApiOptions { CacheEnabled = false });
        var sequential = ApiApplication.FromDynamo(dynamo.Clients, new ApiOptions { CacheEnabled = false }, batchReads: BatchReadOptions.Baseline);
        var iterations = context.Count(60, 8);

        // One proxied round trip: a single 25-key BatchGetItem through the SDK, nothing else.
        var batchKeys = small.Take(25).Select(n => new PackageKey("npm", n)).ToList();
        var roundTrip = Figure.FromSamples("one proxied round trip (25-key BatchGetItem, SDK only)",
            await RepeatAsync(() => BatchGetAsync(dynamo, batchKeys), 3, iterations));

        var scan100 = ApiCalls.Scan(small, dynamo.Key);
        var (c100, s100) = await InterleavedAsync(concurrent, sequential, scan100, iterations);
        var fast100 = Figure.FromSamples($"scan {small.Count} deps, concurrent batches", c100);
        var slow100 = Figure.FromSamples($"scan {small.Count} deps, one batch at a time (baseline)", s100);

        // Where the time goes: the handler's own CPU (store in memory), and the batches alone through the SDK.
        var memoryApp = ApiApplication.Create(new ApiOptions { CacheEnabled = false }, new MemoryPackageStore(records),
            new ApiKeyValidator(dynamo.Clients), new UsageMeter(dynamo.Clients), new DemoLimiter(dynamo.Clients));
        var cpu = Figure.FromSamples($"scan {small.Count} deps, handler only (store in memory)",
            await RepeatAsync(() => ApiCalls.TimedCallAsync(memoryApp, scan100), 5, iterations));
        var allKeys = small.Select(n => new PackageKey("npm", n)).ToList();
        var store = new DynamoPackageStore(dynamo.Clients);
        var batchesOnly = Figure.FromSamples($"{(allKeys.Count + 24) / 25} concurrent BatchGetItem, store only",
            await RepeatAsync(() => TimeReadAsync(store, allKeys), 3, iterations));
        // The same reads straight to dynalite (no proxy): does dynalite itself serve concurrent batches in parallel?
        using var direct = new DynamoDbClientProvider(new DynamoDbSettings { ServiceUrl = dynamo.Dynalite.Endpoint });
        var directStore = new DynamoPackageStore(direct);
        var oneDirect = Figure.FromSamples("one 25-key BatchGetItem, dynalite direct (no proxy)",
            await RepeatAsync(() => TimeReadAsync(directStore, batchKeys), 3, iterations));
        var allDirect = Figure.FromSamples($"{(allKeys.Count + 24) / 25} concurrent BatchGetItem, dynalite direct (no proxy)",
            await RepeatAsync(() => TimeReadAsync(directStore, allKeys), 3, iterations));

        // What a timed scan sends to DynamoDB (the usage flush after it is not timed, so not counted).
        const int Probes = 5;
        int inFlight = 0, batches = 0, gets = 0, updates = 0;
        for (var i = 0; i < Probes; i++)
        {
            dynamo.Proxy.ResetCounters();
            await concurrent.Handler.HandleAsync(scan100);
            inFlight = Math.Max(inFlight, dynamo.Proxy.MaxConcurrent);
            batches += dynamo.Proxy.CountOf("BatchGetItem");
            gets += dynamo.Proxy.CountOf("GetItem");
            updates += dynamo.Proxy.CountOf("UpdateItem");
            await concurrent.AfterResponse.RunAfterResponseAsync();
        }

        var scanLarge = ApiCalls.Scan(large, dynamo.Key);
        var largeIterations = context.Count(30, 4);
        var (cL, sL) = await InterleavedAsync(concurrent, sequential, scanLarge, largeIterations);
        var fastLarge = Figure.FromSamples($"scan {large.Count} deps, concurrent batches (MaxConcurrency {new BatchReadOptions().MaxConcurrency})", cL);
        // The previous default: batches in waves of 8, a round trip per wave.
        var waves = ApiApplication.FromDynamo(dynamo.Clients, new ApiOptions { CacheEnabled = false }, batchReads: new BatchReadOptions { MaxConcurrency = 8 });
        var wavesLarge = Figure.FromSamples($"scan {large.Count} deps, waves of 8 batches (MaxConcurrency 8)",
            await RepeatAsync(() => ApiCalls.TimedCallAsync(waves, scanLarge), 2, largeIterations));
        var slowLarge = Figure.FromSamples($"scan {large.Count} deps, one batch at a time (baseline)", sL);

        var result = new ScenarioResult("scan", "Scan: stored dependencies through a +5 ms DynamoDB",
            $"`POST /v1/scan` through the handler of the real application with the package cache off, so every scan reads " +
            $"the store: dynalite behind `LatencyProxy` adding 5 ms per request. The first {small.Count} dependencies of " +
            $"`corpus/manifests/npm/{smallFile}` and {large.Count} of `corpus/manifests/npm/lockfiles/{largeFile}`, all stored. " +
            $"Baseline in the same run, interleaved call by call: `BatchReadOptions.Baseline` (one 25-key BatchGetItem at a time).");
        result.Add(fast100, slow100)
            .Target("≥ 2.5× faster than one batch at a time", $"{slow100.P50 / fast100.P50:0.0}×", slow100.P50 / fast100.P50 >= 2.5)
            .Target("p50 ≤ 1.5 × one proxied round trip", $"{fast100.P50 / roundTrip.P50:0.00}×", fast100.P50 <= 1.5 * roundTrip.P50);
        result.Add(slow100);
        result.Add(roundTrip);
        result.Add(cpu);
        result.Add(batchesOnly);
        result.Add(oneDirect);
        result.Add(allDirect);
        result.Add(fastLarge, slowLarge).Target("p50 ≤ 60 ms", MarkdownReport.Ms(fastLarge.P50), fastLarge.P50 <= 60);
        result.Add(slowLarge);
        result.Add(wavesLarge, slowLarge);
        result.Notes.Add($"Per timed scan of {small.Count} (mean of {Probes}): {batches / (double)Probes:0.#} BatchGetItem, " +
                         $"{gets / (double)Probes:0.#} GetItem (key check), {updates / (double)Probes:0.#} UpdateItem (quota); " +
                         $"at most {inFlight} requests were in the proxy at once.");

        context.Log.WriteLine("scan: BenchmarkDotNet, manifest parsing ...");
        var parse = new ScenarioResult("scan", "Manifest parse cost",
            "BenchmarkDotNet (in-process, per call, file already in memory): `ManifestParser.Parse` of corpus manifests. " +
            "No naive configuration: this is a cost paid once per scan, shown beside the scan's latency.");
        foreach (var m in MicroRunner.Run<ManifestParseBenchmarks>(context))
        {
            parse.Add(m.Figure);
            parse.Notes.Add($"`{m.Figure.Name}`: mean {MarkdownReport.Ms(m.MeanMs)}, {m.AllocatedBytes / 1024:0} KiB allocated per parse.");
        }
        return [result, parse];
    }

    private static (string File, List<string> Names) Manifest(string ecosystem, string file)
    {
        var parsed = ManifestParser.Parse(file[(file.LastIndexOf("__", StringComparison.Ordinal) + 2)..],
            File.ReadAllText(RepoPaths.CorpusFile("manifests", ecosystem, file)));
        return (file, parsed.Dependencies.Select(d => d.Name).Distinct().ToList());
    }

    /// <summary>The corpus npm lockfile with the most dependencies the API accepts in one scan (≤ 1000).</summary>
    private static (string File, List<string> Names) LargestLockfile() =>
        Directory.GetFiles(RepoPaths.CorpusFile("manifests", "npm", "lockfiles"))
            .Select(p => Manifest("npm", Path.Combine("lockfiles", Path.GetFileName(p))))
            .Select(m => (File: Path.GetFileName(m.File), m.Names))
            .Where(m => m.Names.Count <= 1000)
            .MaxBy(m => m.Names.Count);

    private static async Task<double> BatchGetAsync(ProxiedDynamo dynamo, List<PackageKey> keys)
    {
        var request = new BatchGetItemRequest
        {
            RequestItems = new Dictionary<string, KeysAndAttributes>
            {
                [dynamo.Clients.Settings.PackagesTable] = new() { Keys = keys.Select(PackageItemMapper.KeyOf).ToList() },
            },
        };
        var start = Stopwatch.GetTimestamp();
        var response = await dynamo.Clients.Client.BatchGetItemAsync(request);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.Responses[dynamo.Clients.Settings.PackagesTable].Count != keys.Count)
            throw new InvalidOperationException("the round trip did not return every key");
        return elapsed;
    }

    private static async Task<double> TimeReadAsync(IPackageStore store, List<PackageKey> keys)
    {
        var start = Stopwatch.GetTimestamp();
        var read = await store.GetManyAsync(keys);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (read.Found.Count != keys.Count)
            throw new InvalidOperationException($"read {read.Found.Count} of {keys.Count}");
        return elapsed;
    }

    private static async Task<double[]> RepeatAsync(Func<Task<double>> call, int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++)
            await call();
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
            samples[i] = await call();
        return samples;
    }

    /// <summary>Alternates the two configurations so both see the same machine load.</summary>
    private static async Task<(double[], double[])> InterleavedAsync(ApiApplication a, ApiApplication b, ApiRequest request, int iterations)
    {
        for (var i = 0; i < 3; i++)
        {
            await ApiCalls.TimedCallAsync(a, request);
            await ApiCalls.TimedCallAsync(b, request);
        }
        var sa = new double[iterations];
        var sb = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            sa[i] = await ApiCalls.TimedCallAsync(a, request);
            sb[i] = await ApiCalls.TimedCallAsync(b, request);
        }
        return (sa, sb);
    }
}
