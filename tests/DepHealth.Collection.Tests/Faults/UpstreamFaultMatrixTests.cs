using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Collection.Resilience;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Emulator.Upstream;
using DepHealth.Emulator.Upstream.Faults;
using Polly.CircuitBreaker;
using Xunit.Abstractions;

namespace DepHealth.Collection.Tests.Faults;

/// <summary>The faults the matrix injects into one upstream at a time.</summary>
public enum UpstreamFault
{
    Status500,
    Status503RetryAfter,
    Status429,
    Timeout,
    ConnectionReset,
    MalformedJson,
    TruncatedBody,
    SlowBody,
    AcceptedThenOk,
}

/// <summary>
/// Every upstream × every fault, over loopback against the emulator, stored on dynalite: a good record is collected
/// and stored, the upstream turns faulty, the package is collected again. Asserts data_status, missing_sources and
/// stale marking; every stored attribute compared before/after (none lost); attempts bounded (emulator log); retry
/// delays jittered or equal to Retry-After (client attempts on fake time); the circuit breaker's state.
/// </summary>
public sealed class UpstreamFaultMatrixTests(FaultMatrixFixture fixture, ITestOutputHelper output) : IClassFixture<FaultMatrixFixture>
{
    private const int RetryAfterSeconds = 2;
    private const int Retries = 2;

    public static IEnumerable<object[]> Matrix() =>
        from upstream in UpstreamKinds.All
        from fault in Enum.GetValues<UpstreamFault>()
        select new object[] { upstream, fault };

    private static (Upstream Upstream, string Source, Ecosystem Ecosystem, string Package) Target(UpstreamKind kind) => kind switch
    {
        UpstreamKind.DepsDev => (Upstream.DepsDev, "deps.dev", Ecosystem.Npm, "express"),
        UpstreamKind.Npm => (Upstream.NpmRegistry, "npm", Ecosystem.Npm, "express"),
        UpstreamKind.NpmDownloads => (Upstream.NpmDownloads, "npm", Ecosystem.Npm, "express"),
        UpstreamKind.GitHub => (Upstream.GitHub, "github", Ecosystem.Npm, "express"),
        UpstreamKind.Bundlephobia => (Upstream.Bundlephobia, "bundlephobia", Ecosystem.Npm, "express"),
        UpstreamKind.PyPI => (Upstream.PyPI, "pypi", Ecosystem.PyPI, "requests"),
        UpstreamKind.PyPIStats => (Upstream.PyPIStats, "pypi", Ecosystem.PyPI, "requests"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static FaultRule Rule(UpstreamKind kind, UpstreamFault fault) => fault switch
    {
        UpstreamFault.Status500 => FaultRule.Status(kind, 500),
        UpstreamFault.Status503RetryAfter => FaultRule.Status(kind, 503, RetryAfterSeconds),
        UpstreamFault.Status429 => FaultRule.Status(kind, 429),
        UpstreamFault.Timeout => FaultRule.Of(FaultKind.Timeout, kind) with { HangFor = TimeSpan.FromMinutes(2) },
        UpstreamFault.ConnectionReset => FaultRule.Of(FaultKind.Reset, kind),
        UpstreamFault.MalformedJson => FaultRule.Of(FaultKind.MalformedJson, kind),
        UpstreamFault.TruncatedBody => FaultRule.Of(FaultKind.TruncatedBody, kind),
        // One byte every 200 ms real: no body finishes before the attempt timeout (fake time) fires.
        UpstreamFault.SlowBody => FaultRule.Of(FaultKind.SlowBody, kind) with { ChunkBytes = 1, ChunkInterval = TimeSpan.FromMilliseconds(200) },
        UpstreamFault.AcceptedThenOk => FaultRule.AcceptedThenOk(kind, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    /// <summary>The failure reason the source reports (GitHub may report circuit_open once its breaker opened).</summary>
    private static string Reason(UpstreamKind kind, UpstreamFault fault)
    {
        var reason = fault switch
        {
            UpstreamFault.Status500 => "http_500",
            UpstreamFault.Status503RetryAfter => "http_503",
            UpstreamFault.Status429 => kind == UpstreamKind.Bundlephobia ? "rate_limited" : "http_429",
            UpstreamFault.Timeout or UpstreamFault.SlowBody => "timeout",
            UpstreamFault.ConnectionReset => "network_error",
            UpstreamFault.MalformedJson => "invalid_json_response",
            // Cut mid-body: HttpIOException while reading, or HttpRequestException when the cut beats the headers.
            UpstreamFault.TruncatedBody => "body_cut_short|network_error",
            _ => "",
        };
        return kind is UpstreamKind.NpmDownloads or UpstreamKind.PyPIStats ? string.Join('|', reason.Split('|').Select(r => "downloads_" + r)) : reason;
    }

    private static bool Holds(UpstreamFault fault) => fault is UpstreamFault.Timeout or UpstreamFault.SlowBody;

    private static bool CountsAsFailure(UpstreamFault fault) => fault is not (UpstreamFault.MalformedJson or UpstreamFault.AcceptedThenOk);

    /// <summary>
    /// The faulted upstream keeps its production defaults (10 s attempt, 30 s total, 2 retries, its §4.9 breaker).
    /// The healthy ones get a 4-minute attempt timeout: fake time jumps by the faulted upstream's delays while their
    /// loopback calls are in flight, and those jumps must not time them out.
    /// </summary>
    private static CollectionSettings Settings(Upstream faulted)
    {
        var settings = new CollectionSettings();
        foreach (var upstream in Upstreams.All)
        {
            var options = UpstreamResilienceOptions.For(upstream);
            Assert.Equal(Retries, options.MaxRetryAttempts);
            if (upstream != faulted)
            {
                options.TotalTimeout = TimeSpan.FromMinutes(5);
                options.AttemptTimeout = TimeSpan.FromMinutes(4);
            }
            settings.Resilience[upstream] = options;
        }
        return settings;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Collection_under_an_upstream_fault_degrades_keeps_every_stored_value_and_retries_boundedly(UpstreamKind kind, UpstreamFault fault)
    {
        var (upstream, source, ecosystem, package) = Target(kind);
        var emulator = fixture.Emulator;
        emulator.Reset();
        await fixture.DeleteItemAsync(ecosystem, package);
        var time = new TimerTrackingTimeProvider(FaultMatrixFixture.Start);
        using var recorder = new AttemptRecorder(time);
        using var client = new UpstreamClient(fixture.Urls(), Settings(upstream), time, recorder);
        var collector = PackageCollector.WithScoring(client, fixture.Store);
        var driver = new FakeTimeDriver(time, emulator.Log)
        {
            Timeouts = Upstreams.All.Select(u => client.Settings.ResilienceFor(u))
                .SelectMany(o => new[] { o.AttemptTimeout, o.TotalTimeout }).ToHashSet(),
        };

        // 1. A good record, stored.
        var good = await driver.RunAsync(() => collector.CollectAndStoreAsync(new CollectionRequest(ecosystem, package)));
        Assert.Equal(WriteOutcome.Written, good.Write);
        Assert.Equal("complete", good.Record.DataStatus);
        Assert.Contains(source, good.Record.Sources!);
        Assert.Contains("github", good.Record.Sources!);
        if (kind == UpstreamKind.GitHub)
        {
            // Without stored ETags GitHub answers 200 with bodies, so body faults bite (304s have no body to break).
            await fixture.RemoveAttributeAsync(ecosystem, package, "github_etags");
        }
        var before = await fixture.ReadItemAsync(ecosystem, package);

        // 2. The upstream turns faulty; collect again a minute later.
        emulator.Log.Clear();
        recorder.Clear();
        emulator.Faults.Add(Rule(kind, fault));
        time.Advance(TimeSpan.FromMinutes(1));
        var faulted = await driver.RunAsync(() => collector.CollectAndStoreAsync(new CollectionRequest(ecosystem, package)));
        var after = await fixture.ReadItemAsync(ecosystem, package);
        var record = faulted.Record;
        Assert.Equal(WriteOutcome.Written, faulted.Write);

        // 3. Status, missing sources, stale marking.
        if (fault == UpstreamFault.AcceptedThenOk)
        {
            Assert.Equal("complete", record.DataStatus);
            Assert.Empty(record.MissingSources!);
            Assert.Equal("fresh", record.DataFreshness);
            Assert.Contains(source, record.Sources!);
        }
        else
        {
            Assert.Equal(kind == UpstreamKind.DepsDev ? "minimal" : "partial", record.DataStatus);
            Assert.Equal([source], record.MissingSources);
            Assert.Equal("stale", record.DataFreshness);
            Assert.Equal([source], record.StaleSources);
            var reasons = Reason(kind, fault).Split('|').Select(r => $"{source}_{r}").ToList();
            if (kind == UpstreamKind.GitHub)
                reasons.Add("github_circuit_open");
            Assert.True(reasons.Contains(record.StaleReason!), $"stale_reason {record.StaleReason}, expected one of {string.Join(", ", reasons)}");
            Assert.Equal(0, record.RetryCount);
            Assert.Equal(record.CollectedAt!.Value.AddHours(1), record.NextRetryAt);
            Assert.DoesNotContain(source, record.Sources!);
        }

        // 4. Every stored attribute compared: none lost, no collected value changed.
        var comparison = StoredItems.Compare(before, after);
        Assert.True(comparison.Compared >= 30, $"only {comparison.Compared} attributes compared");
        Assert.Empty(comparison.Lost);
        Assert.Empty(comparison.Changed);

        // 5. Attempts bounded (emulator log) and spaced by jittered delays or the Retry-After (client, fake time).
        var attempts = emulator.Log.For(kind);
        var perPath = attempts.GroupBy(a => a.Path).Select(g => g.Count()).ToList();
        Assert.NotEmpty(perPath);
        Assert.All(perPath, n => Assert.InRange(n, 1, 1 + Retries));
        if (fault == UpstreamFault.MalformedJson)
            Assert.All(perPath, n => Assert.Equal(1, n));
        else if (fault == UpstreamFault.AcceptedThenOk)
            Assert.All(perPath, n => Assert.Equal(2, n));
        else if (kind == UpstreamKind.GitHub)
            Assert.InRange(attempts.Count, UpstreamResilienceOptions.For(upstream).CircuitFailureThreshold, perPath.Count * (1 + Retries));
        else if (!Holds(fault))
            Assert.All(perPath, n => Assert.Equal(1 + Retries, n));
        // Only the faulted upstream was asked more than once per path.
        Assert.All(emulator.Log.Requests.Where(r => r.Upstream != kind).GroupBy(r => r.Path), g => Assert.Single(g));

        var gaps = RetryGaps(recorder, kind, emulator);
        var options = UpstreamResilienceOptions.For(upstream);
        if (fault == UpstreamFault.Status503RetryAfter)
        {
            Assert.All(gaps, g => Assert.InRange(g, TimeSpan.FromSeconds(RetryAfterSeconds) - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(RetryAfterSeconds) + TimeSpan.FromMilliseconds(1)));
        }
        else
        {
            // A held attempt's gap includes its attempt timeout; the delay itself is jittered, never above MaxDelay.
            var offset = Holds(fault) ? options.AttemptTimeout : TimeSpan.Zero;
            Assert.All(gaps, g => Assert.InRange(g - offset, TimeSpan.Zero, options.MaxDelay + TimeSpan.FromMilliseconds(1)));
            // Delays are whole milliseconds, so two of them may coincide; three equal ones would mean no jitter.
            if (gaps.Count >= 3)
                Assert.True(gaps.Distinct().Count() > 1, $"retry delays not jittered: {string.Join(", ", gaps)}");
        }

        var line = $"{kind,-13} {fault,-20} status={record.DataStatus,-8} missing=[{string.Join(",", record.MissingSources!)}] " +
                   $"compared={comparison.Compared} lost={comparison.Lost.Count} recomputed={comparison.Recomputed.Count} " +
                   $"attempts={attempts.Count}/{perPath.Count} paths gaps=[{string.Join(" ", gaps.Select(g => g.TotalMilliseconds.ToString("0")))}] ms " +
                   $"breaker={client.CircuitState(upstream)}";
        output.WriteLine(line);

        // 6. The breaker: GitHub (5 failures) opens within one collection; the others (10, or bundlephobia's 5 over 3 attempts) stay closed.
        var expectOpen = kind == UpstreamKind.GitHub && CountsAsFailure(fault);
        Assert.Equal(expectOpen ? CircuitState.Open : CircuitState.Closed, client.CircuitState(upstream));

        fixture.Record(line, comparison.Compared, comparison.Lost.Count + comparison.Changed.Count, attempts.Count,
            fault == UpstreamFault.Status503RetryAfter ? [] : gaps);
    }

    /// <summary>Gaps between consecutive client attempts of each URL of the faulted upstream.</summary>
    private static IReadOnlyList<TimeSpan> RetryGaps(AttemptRecorder recorder, UpstreamKind kind, UpstreamEmulator emulator)
    {
        var prefix = emulator.BaseUrls[kind] + "/";
        return [.. recorder.Attempts.Where(a => a.Url.AbsoluteUri.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(a => a.Url.AbsoluteUri)
            .SelectMany(g =>
            {
                var ordered = g.OrderBy(a => a.SentAt).ToList();
                return ordered.Zip(ordered.Skip(1), (a, b) => b.SentAt - a.SentAt);
            })];
    }
}
