using DepHealth.Load;

namespace DepHealth.Reliability.Tests;

/// <summary>
/// The load test's short variant: the real server process under the mixed load for 10 s. Asserts answers and memory,
/// never latency (CI machines are shared); the 60 s figures are in docs/reliability.md.
/// </summary>
public sealed class LoadSmokeTests
{
    [Fact]
    public async Task Ten_seconds_of_mixed_load_get_only_the_expected_answers_and_memory_stays_bounded()
    {
        var result = await LoadRunner.RunAsync(new LoadOptions { Duration = TimeSpan.FromSeconds(10), Concurrency = 8 });

        Assert.True(result.Total > 100, $"only {result.Total} requests in 10 s");
        Assert.True(result.Unexpected == 0, result.Report());
        Assert.True(result.Expected4xx > 0, "the bad requests of the mix were not sent");
        foreach (var kind in Enum.GetValues<RequestKind>())
            Assert.Contains(result.Samples, s => s.Kind == kind);

        // After 3 s of warm-up the server's RSS may still settle, but not run away.
        var warm = result.RssAt(TimeSpan.FromSeconds(3));
        Assert.NotNull(warm);
        Assert.True(result.RssLast - warm < 150, result.Report());
    }
}
