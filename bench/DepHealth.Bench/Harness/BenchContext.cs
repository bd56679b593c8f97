using DepHealth.Bench.ColdStart;

namespace DepHealth.Bench.Harness;

/// <summary>What every suite shares in one run: quick or full mode, and the GetPackage builds (published once, on first need).</summary>
public sealed class BenchContext(bool quick, TextWriter log)
{
    private Task<FunctionBuilds>? _builds;

    /// <summary>Quick mode (CI): a few samples per case so the harness is exercised end to end in minutes.</summary>
    public bool Quick { get; } = quick;

    /// <summary>Progress lines (stderr), not results.</summary>
    public TextWriter Log { get; } = log;

    /// <summary>The full count, or the quick one.</summary>
    public int Count(int full, int quick) => Quick ? quick : full;

    /// <summary>The GetPackage function as a Native AOT bootstrap and as a JIT build, published on first use.</summary>
    public Task<FunctionBuilds> BuildsAsync() => _builds ??= FunctionBuilds.PublishAsync(Log);
}
