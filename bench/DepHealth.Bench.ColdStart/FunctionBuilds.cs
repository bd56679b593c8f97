using DepHealth.Testing;

namespace DepHealth.Bench.ColdStart;

/// <summary>The GetPackage function published twice: Native AOT <c>bootstrap</c>, and the same code as a JIT build (the naive baseline).</summary>
public sealed record FunctionBuilds(string AotBootstrap, string JitBootstrapDll)
{
    /// <summary>Publishes both into artifacts/bench/functions/ (incremental after a first build).</summary>
    public static async Task<FunctionBuilds> PublishAsync(TextWriter log)
    {
        var project = Path.Combine(RepoPaths.Root, "src", "DepHealth.Functions.GetPackage", "DepHealth.Functions.GetPackage.csproj");
        var artifacts = Path.Combine(RepoPaths.Root, "artifacts", "bench", "functions");
        log.WriteLine($"publishing {Path.GetFileName(project)} (AOT, then JIT) into {Path.GetRelativePath(RepoPaths.Root, artifacts)} ...");
        var aot = await AotPublisher.PublishAsync(project, Path.Combine(artifacts, "aot"));
        var jit = await AotPublisher.PublishAsync(project, Path.Combine(artifacts, "jit"), aot: false);
        foreach (var build in new[] { aot, jit })
            if (build.ExitCode != 0)
                throw new InvalidOperationException($"publish failed:\n{build.Output}");
        return new FunctionBuilds(aot.File("bootstrap"), jit.File("bootstrap.dll"));
    }

    public string PathOf(bool aot) => aot ? AotBootstrap : JitBootstrapDll;
}
