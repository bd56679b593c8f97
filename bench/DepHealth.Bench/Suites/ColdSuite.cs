using DepHealth.Bench.ColdStart;
using DepHealth.Bench.Harness;

namespace DepHealth.Bench.Suites;

/// <summary>Cold GET: process spawn → first answer of the Native AOT bootstrap vs the JIT build, alternating, through the emulator.</summary>
public static class ColdSuite
{
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var builds = await context.BuildsAsync();
        var runs = context.Count(20, 2);
        await using var stack = await BenchStack.StartAsync(TimeSpan.FromMilliseconds(5));
        var samples = await ColdStartBench.RunAsync(builds, stack, runs);
        Figure Of(string variant, string name, Func<ColdStartSample, double> value, string unit = "ms") =>
            Figure.FromSamples(name, samples.Where(s => s.Variant == variant).Select(value), unit);

        var aot = Of("AOT", "AOT bootstrap: spawn → first GET answered", s => s.FirstAnswerMs);
        var jit = Of("JIT", "JIT build: spawn → first GET answered (baseline)", s => s.FirstAnswerMs);
        var aotInit = Of("AOT", "AOT bootstrap: spawn → init done (first next)", s => s.InitMs);
        var jitInit = Of("JIT", "JIT build: spawn → init done (baseline)", s => s.InitMs);
        var aotFirst = Of("AOT", "AOT bootstrap: init done → first GET answered", s => s.FirstAnswerMs - s.InitMs);
        var jitFirst = Of("JIT", "JIT build: init done → first GET answered (baseline)", s => s.FirstAnswerMs - s.InitMs);
        var aotRss = Of("AOT", "AOT bootstrap: peak RSS", s => s.PeakRssMb, "MB");
        var jitRss = Of("JIT", "JIT build: peak RSS (baseline)", s => s.PeakRssMb, "MB");

        var result = new ScenarioResult("cold", "Cold GET: Native AOT vs JIT",
            $"{runs} cold starts of each variant, alternating, after one discarded start of each (page cache warm, as on a " +
            "Lambda host that ran the image before). Each spawns the GetPackage function under `LambdaEmulator` with the " +
            "Lambda environment, sends one `GET /v1/packages/npm/typescript` with a valid key (key check, quota, GetItem " +
            "against dynalite behind the +5 ms proxy) and stops it. Times from just before the spawn; peak RSS is VmHWM " +
            "after the answer. Baseline: the same function published JIT (`dotnet bootstrap.dll`).");
        result.Add(aot, jit)
            .Target("p50 ≤ 100 ms", MarkdownReport.Ms(aot.P50), aot.P50 <= 100)
            .Target("p95 ≤ 150 ms", MarkdownReport.Ms(aot.P95), aot.P95 <= 150)
            .Target("≥ 4× faster than JIT", $"{jit.P50 / aot.P50:0.0}×", jit.P50 / aot.P50 >= 4);
        result.Add(jit);
        result.Add(aotInit, jitInit);
        result.Add(jitInit);
        result.Add(aotFirst, jitFirst);
        result.Add(jitFirst);
        result.Add(aotRss, jitRss);
        result.Add(jitRss);
        return [result];
    }
}
