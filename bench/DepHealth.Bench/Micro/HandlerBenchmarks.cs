using BenchmarkDotNet.Attributes;
using DepHealth.Bench.Harness;
using DepHealth.Core.Api;

namespace DepHealth.Bench.Micro;

/// <summary>The warm GET cache hit in the handler, for BenchmarkDotNet's mean and allocated bytes per call.</summary>
public class HandlerBenchmarks
{
    private ProxiedDynamo _dynamo = null!;
    private ApiApplication _app = null!;
    private ApiRequest _get = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dynamo = ProxiedDynamo.StartAsync(TimeSpan.Zero, [ApiCalls.Record("bench-pkg-7")]).GetAwaiter().GetResult();
        _app = ApiApplication.FromDynamo(_dynamo.Clients, new ApiOptions());
        _get = ApiCalls.Get("/v1/packages/npm/bench-pkg-7", _dynamo.Key);
        for (var i = 0; i < 100; i++)
            ApiCalls.TimedCallAsync(_app, _get).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "GET cache hit, HandleAsync")]
    public async Task<int> CacheHit() => (await _app.Handler.HandleAsync(_get)).StatusCode;

    // The hosts persist usage after responding; here after each iteration (at most 32 calls, well within one lease).
    [IterationCleanup]
    public void Flush() => _app.AfterResponse.RunAfterResponseAsync().AsTask().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _dynamo.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
