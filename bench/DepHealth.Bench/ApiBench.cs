using System.Diagnostics;
using System.Text;
using DepHealth.Core.Api;
using DepHealth.Core.Auth;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Testing;

namespace DepHealth.Bench;

/// <summary>
/// The API handlers over the real DynamoDB-backed services, dynalite behind a latency proxy (+5 ms per request,
/// standing in for DynamoDB's network round trip): warm GET cache hits vs the cache disabled, and a scan of 100
/// stored dependencies with concurrent vs sequential BatchGetItem calls.
/// </summary>
public static class ApiBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var latency = TimeSpan.FromMilliseconds(Option(args, "--latency-ms", 5));
        var getIterations = Option(args, "--get-iterations", 20_000);
        var baselineIterations = Option(args, "--baseline-iterations", 300);
        var scanIterations = Option(args, "--scan-iterations", 40);

        await using var dynalite = await DynaliteProcess.StartAsync();
        await using var proxy = await LatencyProxy.StartAsync(dynalite.Endpoint, TimeSpan.Zero);
        var settings = new DynamoDbSettings { ServiceUrl = proxy.Endpoint };
        using var clients = new DynamoDbClientProvider(settings);
        await new TableProvisioner(clients).EnsureTablesAsync();
        var store = new DynamoPackageStore(clients);
        var names = Enumerable.Range(0, 100).Select(i => $"bench-pkg-{i}").ToArray();
        foreach (var name in names)
            await store.PutAsync(Record(name));
        var key = (await new ApiKeyIssuer(clients).CreateAsync("bench-user", Tiers.Business)).RawKey;
        proxy.Latency = latency;

        Console.WriteLine($"dynalite behind a proxy adding {latency.TotalMilliseconds} ms per DynamoDB request; {Environment.ProcessorCount} cores");
        Console.WriteLine();

        // GET: warm cache hit vs no cache (every request a GetItem through the proxy).
        var cached = ApiApplication.FromDynamo(clients, new ApiOptions());
        var uncached = ApiApplication.FromDynamo(clients, new ApiOptions { CacheEnabled = false });
        var get = Get("/v1/packages/npm/bench-pkg-7", key);
        var hit = await TimeAsync("GET warm cache hit (handler)", cached, get, 2_000, getIterations);
        var miss = await TimeAsync("GET cache disabled (GetItem per request)", uncached, get, 20, baselineIterations);
        Console.WriteLine(hit.Row(miss));
        Console.WriteLine(miss.Row());
        Console.WriteLine($"  allocated per warm hit: {await AllocatedPerCallAsync(cached, get, 5_000):F0} bytes");
        Console.WriteLine();

        // Scan of 100 stored dependencies, cache off so each scan reads the store: 4 × 25-key BatchGetItem.
        var scanBody = Encoding.UTF8.GetBytes("{\"dependencies\":[" + string.Join(",", names.Select(n => $"\"{n}\"")) + "]}");
        var scan = Scan(scanBody, key);
        var concurrent = ApiApplication.FromDynamo(clients, new ApiOptions { CacheEnabled = false });
        var sequential = ApiApplication.FromDynamo(clients, new ApiOptions { CacheEnabled = false }, batchReads: BatchReadOptions.Baseline);
        var (c, s) = await TimeInterleavedAsync(
            ("POST /v1/scan 100 deps, concurrent batches", concurrent),
            ("POST /v1/scan 100 deps, sequential batches", sequential), scan, 3, scanIterations);
        Console.WriteLine(c.Row(s));
        Console.WriteLine(s.Row());
        proxy.ResetCounters();
        await concurrent.Handler.HandleAsync(scan);
        Console.WriteLine($"  BatchGetItem calls per scan: {proxy.CountOf("BatchGetItem")}, most in flight at once: {proxy.MaxConcurrent}");
        return 0;
    }

    private static ApiRequest Get(string path, string key) => new()
    {
        Method = "GET",
        Path = path,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-API-Key"] = key },
        SourceIp = "127.0.0.1",
    };

    private static ApiRequest Scan(byte[] body, string key) => new()
    {
        Method = "POST",
        Path = "/v1/scan",
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-API-Key"] = key,
            ["Content-Type"] = "application/json",
        },
        Body = body,
        SourceIp = "127.0.0.1",
    };

    private static async Task<Samples> TimeAsync(string name, ApiApplication app, ApiRequest request, int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++)
            await CallAsync(app, request);
        var samples = new Samples(name, iterations);
        for (var i = 0; i < iterations; i++)
            samples.Add(await CallAsync(app, request));
        return samples;
    }

    /// <summary>Alternates the two configurations so both see the same machine load.</summary>
    private static async Task<(Samples, Samples)> TimeInterleavedAsync((string Name, ApiApplication App) a,
        (string Name, ApiApplication App) b, ApiRequest request, int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++)
        {
            await CallAsync(a.App, request);
            await CallAsync(b.App, request);
        }
        var sa = new Samples(a.Name, iterations);
        var sb = new Samples(b.Name, iterations);
        for (var i = 0; i < iterations; i++)
        {
            sa.Add(await CallAsync(a.App, request));
            sb.Add(await CallAsync(b.App, request));
        }
        return (sa, sb);
    }

    /// <summary>One request through the handler, timed; then the after-response work a host runs (not timed).</summary>
    private static async Task<long> CallAsync(ApiApplication app, ApiRequest request)
    {
        var start = Stopwatch.GetTimestamp();
        var response = await app.Handler.HandleAsync(request);
        var elapsed = Stopwatch.GetTimestamp() - start;
        if (response.StatusCode != 200)
            throw new InvalidOperationException($"{request.Method} {request.Path} answered {response.StatusCode}: {Encoding.UTF8.GetString(response.Body.Span)}");
        await app.AfterResponse.RunAfterResponseAsync();
        return elapsed;
    }

    private static async Task<double> AllocatedPerCallAsync(ApiApplication app, ApiRequest request, int iterations)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
            await app.Handler.HandleAsync(request);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)iterations;
    }

    private static PackageRecord Record(string name) => new()
    {
        Ecosystem = "npm",
        Name = name,
        LatestVersion = "1.0.0",
        HealthScore = 70 + name.Length % 25,
        RiskLevel = name.Length % 3 == 0 ? "MEDIUM" : "LOW",
        WeeklyDownloads = 100_000,
        Stars = 1000,
        DataStatus = "complete",
        RepositoryUrl = "https://github.com/example/" + name,
        Sources = ["bench"],
        CollectedAt = DateTimeOffset.UtcNow,
        LastUpdated = DateTimeOffset.UtcNow,
    };

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
