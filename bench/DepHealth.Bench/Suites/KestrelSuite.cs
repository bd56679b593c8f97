using System.Diagnostics;
using System.Net;
using DepHealth.Bench.Harness;
using DepHealth.Core.Api;
using DepHealth.Server;

namespace DepHealth.Bench.Suites;

/// <summary>
/// Warm GET over HTTP through the local Kestrel server (DepHealth.Server's host, started in this process) at 1, 16 and
/// 64 concurrent keep-alive connections, cache on vs off, over dynalite behind the +5 ms proxy.
/// </summary>
public static class KestrelSuite
{
    private static readonly int[] Connections = [1, 16, 64];

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        await using var dynamo = await ProxiedDynamo.StartAsync(TimeSpan.FromMilliseconds(5), [ApiCalls.Record("bench-pkg-7")]);
        var result = new ScenarioResult("kestrel", "Warm GET through the local Kestrel server",
            "`GET /v1/packages/npm/bench-pkg-7` over loopback HTTP/1.1 keep-alive to `ServerHost` (the Kestrel host of " +
            "`dephealth-server`) in the harness's process, N client connections each sending its next request when the " +
            "previous answer is read; timed at the client. dynalite behind the +5 ms proxy. Baseline in the same run: " +
            "a second server with `CACHE_ENABLED=false` (a GetItem per request).");
        foreach (var connections in Connections)
        {
            var hit = await MeasureAsync(dynamo, new ApiOptions(), connections, context.Count(connections == 1 ? 3_000 : 8_000, 400));
            var miss = await MeasureAsync(dynamo, new ApiOptions { CacheEnabled = false }, connections, context.Count(Math.Max(300, connections * 10), Math.Max(60, connections * 2)));
            var on = Figure.FromSamples($"{connections} connection(s), cache hit", hit.Samples);
            var off = Figure.FromSamples($"{connections} connection(s), cache disabled (baseline)", miss.Samples);
            var row = result.Add(on, off);
            if (connections == 16)
                row.Target("p50 ≤ 1 ms at 16 connections", MarkdownReport.Ms(on.P50), on.P50 <= 1);
            result.Add(off);
            result.Notes.Add($"{connections} connection(s): {hit.RequestsPerSecond:0} requests/s with the cache, {miss.RequestsPerSecond:0} without.");
        }
        return [result];
    }

    private sealed record Load(double[] Samples, double RequestsPerSecond);

    private static async Task<Load> MeasureAsync(ProxiedDynamo dynamo, ApiOptions options, int connections, int requests)
    {
        var api = ApiApplication.FromDynamo(dynamo.Clients, options);
        await using var server = await ServerHost.StartAsync(api, "http://127.0.0.1:0");
        var address = ServerHost.Addresses(server)[0];
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        }) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-API-Key", dynamo.Key);

        var perWorker = Math.Max(2, requests / connections);
        await RunWorkersAsync(client, connections, Math.Max(2, perWorker / 10), null); // warm: connections, JIT, cache
        var samples = new double[connections * perWorker];
        var start = Stopwatch.GetTimestamp();
        await RunWorkersAsync(client, connections, perWorker, samples);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new Load(samples, samples.Length / seconds);
    }

    private static Task RunWorkersAsync(HttpClient client, int connections, int perWorker, double[]? samples) =>
        Task.WhenAll(Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWorker; i++)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync("/v1/packages/npm/bench-pkg-7");
                var body = await response.Content.ReadAsByteArrayAsync();
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
                    throw new InvalidOperationException($"GET answered {(int)response.StatusCode}");
                if (samples is not null)
                    samples[w * perWorker + i] = elapsed;
            }
        })));
}
