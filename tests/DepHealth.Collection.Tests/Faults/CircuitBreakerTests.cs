using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Collection.Resilience;
using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream;
using DepHealth.Emulator.Upstream.Faults;
using Polly.CircuitBreaker;
using Xunit.Abstractions;

namespace DepHealth.Collection.Tests.Faults;

/// <summary>
/// Each upstream's breaker, through whole collections against the emulator: right after a good collection (its
/// successes still in the sampling window) a persistent 500 opens it as soon as the window holds its §4.9 threshold
/// of attempts and half of them failed (counted in the emulator's log); then the upstream is not contacted (the
/// source is reported missing as circuit_open, its stored values kept), and after the break a good probe closes it.
/// </summary>
public sealed class CircuitBreakerTests(FaultMatrixFixture fixture, ITestOutputHelper output) : IClassFixture<FaultMatrixFixture>
{
    public static IEnumerable<object[]> Upstreams_() => UpstreamKinds.All.Select(k => new object[] { k });

    private static (Upstream Upstream, string Source, Ecosystem Ecosystem, string Package, int Paths) Target(UpstreamKind kind) => kind switch
    {
        UpstreamKind.DepsDev => (Upstream.DepsDev, "deps.dev", Ecosystem.Npm, "express", 2),
        UpstreamKind.Npm => (Upstream.NpmRegistry, "npm", Ecosystem.Npm, "express", 1),
        UpstreamKind.NpmDownloads => (Upstream.NpmDownloads, "npm", Ecosystem.Npm, "express", 1),
        UpstreamKind.GitHub => (Upstream.GitHub, "github", Ecosystem.Npm, "express", 5),
        UpstreamKind.Bundlephobia => (Upstream.Bundlephobia, "bundlephobia", Ecosystem.Npm, "express", 1),
        UpstreamKind.PyPI => (Upstream.PyPI, "pypi", Ecosystem.PyPI, "requests", 1),
        UpstreamKind.PyPIStats => (Upstream.PyPIStats, "pypi", Ecosystem.PyPI, "requests", 1),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Upstreams_))]
    public async Task The_breaker_opens_at_its_threshold_keeps_the_upstream_uncontacted_and_closes_after_a_good_probe(UpstreamKind kind)
    {
        var (upstream, source, ecosystem, package, paths) = Target(kind);
        var emulator = fixture.Emulator;
        emulator.Reset();
        await fixture.DeleteItemAsync(ecosystem, package);
        var time = new TimerTrackingTimeProvider(FaultMatrixFixture.Start);
        var settings = new CollectionSettings();
        foreach (var u in Upstreams.All)
        {
            var o = UpstreamResilienceOptions.For(u);
            if (u != upstream)
            {
                o.TotalTimeout = TimeSpan.FromMinutes(5);
                o.AttemptTimeout = TimeSpan.FromMinutes(4);
            }
            settings.Resilience[u] = o;
        }
        var options = settings.ResilienceFor(upstream);
        using var client = new UpstreamClient(fixture.Urls(), settings, time);
        var collector = PackageCollector.WithScoring(client, fixture.Store);
        var driver = new FakeTimeDriver(time, emulator.Log)
        {
            Timeouts = Upstreams.All.Select(settings.ResilienceFor).SelectMany(o => new[] { o.AttemptTimeout, o.TotalTimeout }).ToHashSet(),
        };
        var request = new CollectionRequest(ecosystem, package);
        Assert.Equal("complete", (await driver.RunAsync(() => collector.CollectAndStoreAsync(request))).Record.DataStatus);
        var successes = emulator.Log.For(kind).Count(e => e.Status is >= 200 and < 400);
        Assert.True(successes >= 1);

        emulator.Log.Clear();
        emulator.Faults.Add(FaultRule.Status(kind, 500));
        var collections = 0;
        while (client.CircuitState(upstream) != CircuitState.Open)
        {
            Assert.True(++collections <= options.CircuitFailureThreshold, "the breaker never opened");
            var r = await driver.RunAsync(() => collector.CollectAndStoreAsync(request));
            Assert.Equal([source], r.Record.MissingSources);
        }
        var reached = emulator.Log.For(kind).Count;
        // Opens at the first failure F with S + F >= threshold and F >= ratio * (S + F); attempts of concurrent
        // calls already on the wire when it opens also arrive.
        var expected = Math.Max(options.CircuitFailureThreshold - successes,
            (int)Math.Ceiling(options.CircuitFailureRatio * successes / (1 - options.CircuitFailureRatio)));
        Assert.InRange(reached, expected, expected + paths - 1);

        // Open: the next collection does not contact the upstream at all, keeps its values, says why.
        var whileOpen = await driver.RunAsync(() => collector.CollectAndStoreAsync(request));
        Assert.Equal(reached, emulator.Log.For(kind).Count);
        Assert.Equal([source], whileOpen.Record.MissingSources);
        Assert.Equal("stale", whileOpen.Record.DataFreshness);
        Assert.Contains($"{source}_", whileOpen.Record.StaleReason);
        Assert.Contains("circuit_open", whileOpen.Record.StaleReason);

        // The upstream recovers; past the break the next call is a probe, it succeeds, the breaker closes. Polly lets
        // one probe through: calls made alongside it (GitHub's five) are refused, so that collection may still be
        // partial; the next one is complete.
        emulator.Faults.Clear();
        time.Advance(options.CircuitBreakDuration + TimeSpan.FromSeconds(1));
        var probe = await driver.RunAsync(() => collector.CollectAndStoreAsync(request));
        Assert.Equal(CircuitState.Closed, client.CircuitState(upstream));
        if (probe.Record.DataStatus != "complete")
            Assert.Contains("circuit_open", probe.Record.StaleReason);
        var recovered = await driver.RunAsync(() => collector.CollectAndStoreAsync(request));
        Assert.Equal("complete", recovered.Record.DataStatus);
        Assert.Equal(CircuitState.Closed, client.CircuitState(upstream));
        output.WriteLine($"{kind}: {successes} successes in the window, opened after {collections} collections and {reached} failed attempts (threshold {options.CircuitFailureThreshold}, break {options.CircuitBreakDuration.TotalSeconds} s)");
    }
}
