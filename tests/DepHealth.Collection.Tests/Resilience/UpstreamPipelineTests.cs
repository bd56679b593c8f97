using System.Net;
using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Collection.Resilience;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;

namespace DepHealth.Collection.Tests.Resilience;

public sealed class UpstreamPipelineTests : IAsyncLifetime
{
    private LoopbackUpstream _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await LoopbackUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private static UpstreamResilienceOptions Options(int retries = 4) => new()
    {
        MaxRetryAttempts = retries,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(30),
        TotalTimeout = TimeSpan.FromMinutes(5),
        AttemptTimeout = TimeSpan.FromSeconds(30),
        MaxRetryAfter = TimeSpan.FromSeconds(20),
        CircuitFailureThreshold = 50,
    };

    /// <summary>Sends GET path through the pipeline over real loopback HTTP; returns the final status and the delays chosen.</summary>
    private async Task<(HttpStatusCode Status, List<TimeSpan> Delays)> RunAsync(UpstreamResilienceOptions options, string path, ObservedFakeTimeProvider time)
    {
        var delays = new List<TimeSpan>();
        var driver = new PipelineDriver(time);
        var pipeline = UpstreamPipelineFactory.Create(options, time, onRetry: args =>
        {
            lock (delays)
                delays.Add(args.RetryDelay);
            return driver.RetryAnnounced(args.RetryDelay);
        });
        var status = await driver.DriveAsync(async () =>
        {
            using var response = await pipeline.ExecuteAsync(async token => await _http.GetAsync(new Uri(_server.BaseUrl, path), token));
            return response.StatusCode;
        });
        return (status, delays);
    }

    [Fact]
    public async Task Retries_5xx_with_jittered_exponential_delays_that_differ_across_attempts_and_pipelines()
    {
        var calls = 0;
        _server.Map("/flaky", _ => Interlocked.Increment(ref calls) % 5 == 0 ? new CannedResponse(200, "{}") : new CannedResponse(503));
        var time = new ObservedFakeTimeProvider();

        var (status1, first) = await RunAsync(Options(), "/flaky", time);
        var (status2, second) = await RunAsync(Options(), "/flaky", time);

        Assert.Equal(HttpStatusCode.OK, status1);
        Assert.Equal(HttpStatusCode.OK, status2);
        Assert.Equal(4, first.Count);
        Assert.Equal(4, second.Count);
        Assert.Equal(10, calls);
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.NotEqual(first, second);
        Assert.All(first.Concat(second), d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(30)));
        // Exponential on average: the later retries wait longer in sum than the first ones.
        Assert.True(first[2] + first[3] + second[2] + second[3] > first[0] + first[1] + second[0] + second[1]);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Retries_transient_statuses(int status)
    {
        var calls = 0;
        _server.Map("/t", _ => Interlocked.Increment(ref calls) == 1 ? new CannedResponse(status) : new CannedResponse(200, "{}"));
        var (final, delays) = await RunAsync(Options(), "/t", new ObservedFakeTimeProvider());
        Assert.Equal(HttpStatusCode.OK, final);
        Assert.Single(delays);
        Assert.Equal(2, calls);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Does_not_retry_answers(int status)
    {
        var calls = 0;
        _server.Map("/a", _ => { Interlocked.Increment(ref calls); return new CannedResponse(status); });
        var (final, delays) = await RunAsync(Options(), "/a", new ObservedFakeTimeProvider());
        Assert.Equal((HttpStatusCode)status, final);
        Assert.Empty(delays);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Honours_retry_after_and_caps_it()
    {
        var calls = 0;
        _server.Map("/limited", _ => Interlocked.Increment(ref calls) switch
        {
            1 => new CannedResponse(429, "", new Dictionary<string, string> { ["Retry-After"] = "7" }),
            2 => new CannedResponse(503, "", new Dictionary<string, string> { ["Retry-After"] = "3600" }),
            _ => new CannedResponse(200, "{}"),
        });
        var time = new ObservedFakeTimeProvider();
        var before = time.GetUtcNow();

        var (status, delays) = await RunAsync(Options(), "/limited", time);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(20)], delays);
        Assert.True(time.GetUtcNow() - before >= TimeSpan.FromSeconds(27));
    }

    [Fact]
    public async Task Gives_up_after_the_bounded_number_of_attempts()
    {
        var calls = 0;
        _server.Map("/down", _ => { Interlocked.Increment(ref calls); return new CannedResponse(503); });
        var (status, delays) = await RunAsync(Options(retries: 2), "/down", new ObservedFakeTimeProvider());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(2, delays.Count);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Circuit_opens_after_the_threshold_then_half_opens_after_the_break_and_closes_on_success()
    {
        var healthy = false;
        _server.Map("/gh", _ => Volatile.Read(ref healthy) ? new CannedResponse(200, "{}") : new CannedResponse(500));
        var time = new ObservedFakeTimeProvider();
        var github = UpstreamResilienceOptions.For(Upstream.GitHub);
        github.MaxRetryAttempts = 0;
        var settings = new CollectionSettings { Resilience = { [Upstream.GitHub] = github } };
        var urls = new UpstreamOptions { GitHub = _server.BaseUrl };
        using var client = new UpstreamClient(urls, settings, time);
        var context = new CollectionContext(new CallRecorder(time));
        var request = new UpstreamRequest(Upstream.GitHub, "github.repo", new Uri(_server.BaseUrl, "/gh"));

        for (var i = 0; i < 5; i++)
            Assert.Equal("http_500", (await client.GetAsync(request, context, default)).Failure);
        Assert.Equal(CircuitState.Open, client.CircuitState(Upstream.GitHub));

        healthy = true;
        var whileOpen = await client.GetAsync(request, context, default);
        Assert.Equal("circuit_open", whileOpen.Failure);
        Assert.Equal(5, _server.Requests.Count(r => r.PathAndQuery == "/gh"));

        time.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal("circuit_open", (await client.GetAsync(request, context, default)).Failure);

        // Past the break Polly half-opens on the next call and lets one probe through.
        time.Advance(TimeSpan.FromSeconds(2));
        var probe = await client.GetAsync(request, context, default);
        Assert.True(probe.IsSuccess);
        Assert.Equal(CircuitState.Closed, client.CircuitState(Upstream.GitHub));
        Assert.Equal(6, _server.Requests.Count(r => r.PathAndQuery == "/gh"));
        // Other upstreams have their own breakers.
        Assert.Equal(CircuitState.Closed, client.CircuitState(Upstream.DepsDev));
    }

    [Fact]
    public async Task A_failed_half_open_probe_reopens_the_circuit()
    {
        _server.Map("/bp", new CannedResponse(503));
        var time = new ObservedFakeTimeProvider();
        var options = UpstreamResilienceOptions.For(Upstream.Bundlephobia);
        options.MaxRetryAttempts = 0;
        using var client = new UpstreamClient(new UpstreamOptions { Bundlephobia = _server.BaseUrl },
            new CollectionSettings { Resilience = { [Upstream.Bundlephobia] = options } }, time);
        var context = new CollectionContext(new CallRecorder(time));
        var request = new UpstreamRequest(Upstream.Bundlephobia, "bundlephobia.size", new Uri(_server.BaseUrl, "/bp"));

        for (var i = 0; i < 5; i++)
            await client.GetAsync(request, context, default);
        time.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal("http_503", (await client.GetAsync(request, context, default)).Failure);
        Assert.Equal(CircuitState.Open, client.CircuitState(Upstream.Bundlephobia));
        Assert.Equal("circuit_open", (await client.GetAsync(request, context, default)).Failure);
    }

    [Fact]
    public async Task A_body_over_the_cap_fails_that_call_only()
    {
        _server.Map("/big", new CannedResponse(200, new string('x', 5000)));
        _server.Map("/small", new CannedResponse(200, "{\"ok\":true}"));
        var time = new ObservedFakeTimeProvider();
        var settings = new CollectionSettings { Http = { MaxResponseBytes = 4096 } };
        using var client = new UpstreamClient(new UpstreamOptions { DepsDev = _server.BaseUrl }, settings, time);
        var context = new CollectionContext(new CallRecorder(time));

        var big = await client.GetAsync(new UpstreamRequest(Upstream.DepsDev, "big", new Uri(_server.BaseUrl, "/big")), context, default);
        var small = await client.GetAsync(new UpstreamRequest(Upstream.DepsDev, "small", new Uri(_server.BaseUrl, "/small")), context, default);

        Assert.Equal("response_too_large", big.Failure);
        Assert.True(small.IsSuccess);
        Assert.Equal("{\"ok\":true}", System.Text.Encoding.UTF8.GetString(small.Body));
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UpstreamResilienceOptions { AttemptTimeout = TimeSpan.FromMinutes(2) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new UpstreamResilienceOptions { CircuitFailureThreshold = 1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new UpstreamResilienceOptions { MaxRetryAttempts = 11 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpClientSettings { MaxResponseBytes = 10 }.Validate());
        UpstreamResilienceOptions.For(Upstream.GitHub).Validate();
        Assert.Equal(5, UpstreamResilienceOptions.For(Upstream.GitHub).CircuitFailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(120), UpstreamResilienceOptions.For(Upstream.Bundlephobia).CircuitBreakDuration);
        Assert.Equal(10, UpstreamResilienceOptions.For(Upstream.DepsDev).CircuitFailureThreshold);
    }
}
