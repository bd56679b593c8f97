using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using DepHealth.Bench.Harness;
using DepHealth.Testing;

namespace DepHealth.Bench.Micro;

/// <summary>A BenchmarkDotNet result as a figure (per-operation time, ms), with its mean and allocations.</summary>
public sealed record MicroFigure(Figure Figure, double MeanMs, double AllocatedBytes);

/// <summary>
/// Runs a BenchmarkDotNet class in this process (no generated project to build, so it fits CI's quick mode), logs
/// to artifacts/bench/bdn/, and turns each report into a figure. A benchmark that failed is a harness error.
/// </summary>
public static class MicroRunner
{
    public static IReadOnlyList<MicroFigure> Run<T>(BenchContext context)
    {
        var artifacts = Path.Combine(RepoPaths.Root, "artifacts", "bench", "bdn");
        Directory.CreateDirectory(artifacts);
        var job = Job.Default
            .WithToolchain(InProcessNoEmitToolchain.Instance)
            .WithWarmupCount(context.Quick ? 1 : 3)
            .WithIterationCount(context.Quick ? 5 : 25)
            .WithInvocationCount(context.Quick ? 4 : 32)
            .WithUnrollFactor(1);
        using var logger = new StreamLogger(Path.Combine(artifacts, typeof(T).Name + ".log"));
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(logger)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(artifacts);
        var summary = BenchmarkRunner.Run<T>(config);
        if (summary.HasCriticalValidationErrors)
            throw new InvalidOperationException($"BenchmarkDotNet refused {typeof(T).Name}: " +
                string.Join("; ", summary.ValidationErrors.Select(e => e.Message)));

        var figures = new List<MicroFigure>();
        foreach (var report in summary.Reports)
        {
            var parameters = string.Join(", ", report.BenchmarkCase.Parameters.Items.Select(p => p.Value));
            var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'') + (parameters.Length == 0 ? "" : $" {parameters}");
            var stats = report.ResultStatistics
                ?? throw new InvalidOperationException($"BenchmarkDotNet {name} produced no result (see {artifacts})");
            const double NsPerMs = 1_000_000;
            var figure = Figure.FromPercentiles(name, stats.N, stats.Percentiles.P50 / NsPerMs, stats.Percentiles.P95 / NsPerMs,
                stats.Percentiles.Percentile(99) / NsPerMs);
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? double.NaN;
            figures.Add(new MicroFigure(figure, stats.Mean / NsPerMs, allocated));
        }
        return figures;
    }
}
