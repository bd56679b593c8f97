using DepHealth.Core.Collection.Dispatch;

namespace DepHealth.Collection.Tests.Dispatch;

/// <summary>Message delays: whole seconds, uniform over 0..max inclusive, never past SQS's 900 s.</summary>
public class DispatchJitterTests
{
    [Theory]
    [InlineData(300, 0.0, 0)]
    [InlineData(300, 0.5, 150)]
    [InlineData(300, 0.9999999, 300)]
    [InlineData(300, 1.0, 300)]       // out of [0,1): clamped, not 301
    [InlineData(300, -0.5, 0)]
    [InlineData(0, 0.7, 0)]
    [InlineData(900, 0.99, 891)]
    public void Uniform_numbers_map_onto_whole_seconds_within_the_window(int max, double u, int expected)
    {
        Assert.Equal(TimeSpan.FromSeconds(expected), DispatchJitter.DelayFor(TimeSpan.FromSeconds(max), u));
    }

    [Fact]
    public void Every_second_of_a_small_window_is_reachable_and_equally_wide()
    {
        // 0..3 s: each second owns a quarter of [0,1).
        var seen = Enumerable.Range(0, 400).Select(i => (int)DispatchJitter.DelayFor(TimeSpan.FromSeconds(3), i / 400.0).TotalSeconds)
            .GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<int, int> { [0] = 100, [1] = 100, [2] = 100, [3] = 100 }, seen);
    }

    [Fact]
    public void Seeded_jitter_spreads_delays_over_the_whole_window()
    {
        var jitter = new DispatchJitter(new Random(20261127).NextDouble);
        var delays = Enumerable.Range(0, 1000).Select(_ => (int)jitter.Next(TimeSpan.FromSeconds(300)).TotalSeconds).ToArray();

        Assert.All(delays, d => Assert.InRange(d, 0, 300));
        Assert.True(delays.Distinct().Count() > 250, $"only {delays.Distinct().Count()} distinct delays");
        // Ten 30-second buckets each hold roughly a tenth (1000 draws: 100 expected, far from 50 or 150).
        var buckets = delays.Where(d => d < 300).GroupBy(d => d / 30).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, buckets.Count);
        Assert.All(buckets.Values, n => Assert.InRange(n, 50, 150));
    }
}
