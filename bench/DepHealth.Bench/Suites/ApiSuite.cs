using DepHealth.Bench.Harness;
using DepHealth.Bench.Micro;
using DepHealth.Core.Api;

namespace DepHealth.Bench.Suites;

/// <summary>
/// Warm GET in the handler (no HTTP): a cache hit vs the cache disabled (a GetItem per request through the +5 ms
/// proxy), timed per request by the driver; then BenchmarkDotNet's mean and allocations of the same cache hit.
/// </summary>
public static class ApiSuite
{
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var hits = context.Count(20_000, 2_000);
        var misses = context.Count(300, 60);
        await using var dynamo = await ProxiedDynamo.StartAsync(TimeSpan.FromMilliseconds(5), [ApiCalls.Record("bench-pkg-7")]);
        var cached = ApiApplication.FromDynamo(dynamo.Clients, new ApiOptions());
        var uncached = ApiApplication.FromDynamo(dynamo.Clients, new ApiOptions { CacheEnabled = false });
        var get = ApiCalls.Get("/v1/packages/npm/bench-pkg-7", dynamo.Key);

        var hit = Figure.FromSamples("GET warm cache hit (handler)", await TimeAsync(cached, get, 2_000, hits));
        var miss = Figure.FromSamples("GET cache disabled, GetItem per request (baseline)", await TimeAsync(uncached, get, 20, misses));

        var result = new ScenarioResult("api", "Warm GET in the handler",
            "`IApiHandler.HandleAsync` of the real application (`ApiApplication.FromDynamo`: DynamoDB store, key validator, " +
            "usage meter) over dynalite behind `LatencyProxy` adding 5 ms per DynamoDB request. Timed per request; the " +
            "usage flush runs after each call, untimed, as the hosts run it after the response. Baseline in the same run: " +
            "`CACHE_ENABLED=false`, a GetItem per GET.");
        result.Add(hit, miss)
            .Target("p50 ≤ 0.1 ms", MarkdownReport.Ms(hit.P50), hit.P50 <= 0.1)
            .Target("p99 ≤ 1 ms", MarkdownReport.Ms(hit.P99), hit.P99 <= 1);
        result.Add(miss);

        context.Log.WriteLine("api: BenchmarkDotNet, handler cache hit ...");
        var micro = MicroRunner.Run<HandlerBenchmarks>(context);
        foreach (var m in micro)
        {
            result.Add(m.Figure);
            result.Notes.Add($"BenchmarkDotNet `{m.Figure.Name}`: mean {MarkdownReport.Ms(m.MeanMs)}, {m.AllocatedBytes:0} bytes allocated per call " +
                             "(its p50/p95/p99 are over iterations, each the mean of 32 calls, not over single calls).");
        }
        return [result];
    }

    private static async Task<double[]> TimeAsync(ApiApplication app, ApiRequest request, int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++)
            await ApiCalls.TimedCallAsync(app, request);
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
            samples[i] = await ApiCalls.TimedCallAsync(app, request);
        return samples;
    }
}
