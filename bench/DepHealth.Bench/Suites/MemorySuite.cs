using DepHealth.Bench.ColdStart;
using DepHealth.Bench.Harness;

namespace DepHealth.Bench.Suites;

/// <summary>RSS of the GetPackage bootstrap while it serves warm requests: Native AOT vs the JIT build of the same code.</summary>
public static class MemorySuite
{
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var builds = await context.BuildsAsync();
        var requests = context.Count(10_000, 200);
        await using var stack = await BenchStack.StartAsync();
        var aot = await MeasureAsync(builds.AotBootstrap, stack, requests);
        var jit = await MeasureAsync(builds.JitBootstrapDll, stack, requests);

        var aotFigure = Figure.FromSamples($"AOT bootstrap RSS over {requests:N0} warm GETs", aot.Rss, "MB");
        var jitFigure = Figure.FromSamples($"JIT build RSS over {requests:N0} warm GETs (baseline)", jit.Rss, "MB");
        var result = new ScenarioResult("memory", "Memory of the GET bootstrap under load",
            $"One bootstrap process under the Lambda emulator answers {requests:N0} warm GETs (cache hits, usage flushed after " +
            "each); its VmRSS is read from /proc every 1% of the requests, so p50/p95/p99 are over the run, and the final " +
            "figure is after the last request. dynalite without added latency. Baseline: the JIT build of the same function.");
        result.Add(aotFigure, jitFigure)
            .Target($"RSS ≤ 50 MB after {requests:N0} requests", $"{aot.Final:0.0} MB, peak {aot.Peak:0.0} MB", aot.Final <= 50);
        result.Add(jitFigure);
        result.Notes.Add($"After the last request: AOT {aot.Final:0.0} MB (peak {aot.Peak:0.0}), JIT {jit.Final:0.0} MB (peak {jit.Peak:0.0}).");
        return [result];
    }

    private sealed record Usage(List<double> Rss, double Final, double Peak);

    private static async Task<Usage> MeasureAsync(string bootstrap, BenchStack stack, int requests)
    {
        await using var function = await WarmInvocations.StartAsync(bootstrap, stack.FunctionEnvironment(cacheEnabled: true), stack.GetPackageEvent);
        var every = Math.Max(1, requests / 100);
        var rss = new List<double>();
        for (var i = 1; i <= requests; i++)
        {
            await function.InvokeAsync();
            if (i % every == 0)
                rss.Add(function.Memory().RssMb);
        }
        var (final, peak) = function.Memory();
        return new Usage(rss, final, peak);
    }
}
