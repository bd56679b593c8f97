using DepHealth.Bench.ColdStart;
using DepHealth.Bench.Harness;

namespace DepHealth.Bench.Suites;

/// <summary>
/// Warm GET through the Native AOT GetPackage bootstrap under the Lambda Runtime API emulator (one process, many
/// invocations), cache on vs off, over dynalite behind the +5 ms proxy.
/// </summary>
public static class LambdaSuite
{
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var builds = await context.BuildsAsync();
        await using var stack = await BenchStack.StartAsync(TimeSpan.FromMilliseconds(5));
        var hit = Figure.FromSamples("AOT bootstrap, warm GET, cache hit",
            await InvokeManyAsync(builds.AotBootstrap, stack, cacheEnabled: true, context.Count(3_000, 200)));
        var miss = Figure.FromSamples("AOT bootstrap, warm GET, cache disabled (baseline)",
            await InvokeManyAsync(builds.AotBootstrap, stack, cacheEnabled: false, context.Count(300, 40)));

        var result = new ScenarioResult("lambda", "Warm GET through the AOT bootstrap under the Runtime API emulator",
            "The published Native AOT `bootstrap` of DepHealth.Functions.GetPackage run by `LambdaEmulator` " +
            "(src/DepHealth.Emulator/Lambda): each invocation is an API Gateway REST event for a stored package with a " +
            "valid key, sent once the runtime waits in `next` (the previous invocation's usage flush done, untimed); timed " +
            "from the emulator queueing the event to the runtime posting its response (the `next` long poll answering, event " +
            "parsing, handler, response serialisation, the response POST). dynalite behind the +5 ms proxy. Baseline in the same run: the same " +
            "bootstrap with `CACHE_ENABLED=false`.");
        result.Add(hit, miss).Target("brief: warm GET p50 < 50 ms", MarkdownReport.Ms(hit.P50), hit.P50 < 50);
        result.Add(miss);
        return [result];
    }

    private static async Task<double[]> InvokeManyAsync(string bootstrap, BenchStack stack, bool cacheEnabled, int count)
    {
        await using var function = await WarmInvocations.StartAsync(bootstrap, stack.FunctionEnvironment(cacheEnabled), stack.GetPackageEvent);
        for (var i = 0; i < 20; i++)
            await function.InvokeAsync();
        var samples = new double[count];
        for (var i = 0; i < count; i++)
            samples[i] = await function.InvokeAsync();
        return samples;
    }
}
