using System.Globalization;
using DepHealth.Bench.ColdStart;
using DepHealth.Testing;

// dotnet run -c Release --project bench/DepHealth.Bench.ColdStart -- [--runs 20] [--aot PATH --jit PATH]
// Publishes GetPackage twice (Native AOT, and JIT as the naive baseline) unless both paths are given, starts
// dynalite with one stored package and one API key, then alternates AOT and JIT cold starts through the emulator.
var runs = 20;
string? aot = null, jit = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--aot": aot = args[++i]; break;
        case "--jit": jit = args[++i]; break;
        default:
            Console.Error.WriteLine("usage: DepHealth.Bench.ColdStart [--runs N] [--aot PATH/bootstrap --jit PATH/bootstrap.dll]");
            return 2;
    }
}

if (aot is null || jit is null)
{
    var project = Path.Combine(RepoPaths.Root, "src", "DepHealth.Functions.GetPackage", "DepHealth.Functions.GetPackage.csproj");
    var artifacts = Path.Combine(RepoPaths.Root, "artifacts", "bench", "cold-start");
    Console.Error.WriteLine($"publishing {Path.GetFileName(project)} (AOT, then JIT) into {Path.GetRelativePath(RepoPaths.Root, artifacts)} ...");
    var aotBuild = await AotPublisher.PublishAsync(project, Path.Combine(artifacts, "aot"));
    var jitBuild = await AotPublisher.PublishAsync(project, Path.Combine(artifacts, "jit"), aot: false);
    foreach (var build in new[] { aotBuild, jitBuild })
        if (build.ExitCode != 0)
        {
            Console.Error.WriteLine(build.Output);
            return 1;
        }
    aot = aotBuild.File("bootstrap");
    jit = jitBuild.File("bootstrap.dll");
}

await using var stack = await BenchStack.StartAsync();
var runner = new ColdStartRunner(stack.FunctionEnvironment, stack.GetPackageEvent);

// One discarded start each: page cache and dynalite warm, as on a Lambda host that has run the image before.
await runner.RunOnceAsync("AOT", aot);
await runner.RunOnceAsync("JIT", jit);

var samples = new List<ColdStartSample>();
for (var i = 0; i < runs; i++)
{
    samples.Add(await runner.RunOnceAsync("AOT", aot));
    samples.Add(await runner.RunOnceAsync("JIT", jit));
}

var unexpected = samples.Where(s => s.StatusCode != 200).ToList();
if (unexpected.Count > 0)
{
    Console.Error.WriteLine($"{unexpected.Count} cold starts did not answer 200 (first: {unexpected[0].StatusCode})");
    return 1;
}

Report.Write(Console.Out, samples, runs, Environment.ProcessorCount);
return 0;
