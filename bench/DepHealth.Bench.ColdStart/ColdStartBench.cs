namespace DepHealth.Bench.ColdStart;

/// <summary>
/// Alternating AOT and JIT cold starts of GetPackage through the Lambda emulator: each spawns a new process, sends
/// one GET and stops it. One discarded start of each first warms the page cache, as on a Lambda host.
/// </summary>
public static class ColdStartBench
{
    public static async Task<IReadOnlyList<ColdStartSample>> RunAsync(FunctionBuilds builds, BenchStack stack, int runs)
    {
        var runner = new ColdStartRunner(stack.FunctionEnvironment(cacheEnabled: true), stack.GetPackageEvent);
        await runner.RunOnceAsync("AOT", builds.AotBootstrap);
        await runner.RunOnceAsync("JIT", builds.JitBootstrapDll);

        var samples = new List<ColdStartSample>();
        for (var i = 0; i < runs; i++)
        {
            samples.Add(await runner.RunOnceAsync("AOT", builds.AotBootstrap));
            samples.Add(await runner.RunOnceAsync("JIT", builds.JitBootstrapDll));
        }
        if (samples.FirstOrDefault(s => s.StatusCode != 200) is { } bad)
            throw new InvalidOperationException($"a {bad.Variant} cold start answered {bad.StatusCode}, not 200");
        return samples;
    }
}
