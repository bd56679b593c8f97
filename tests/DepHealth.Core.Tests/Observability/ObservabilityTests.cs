using System.Text;
using System.Text.Json;
using DepHealth.Core.Api;
using DepHealth.Core.Observability;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Core.Tests.Observability;

/// <summary>Structured request logs and CloudWatch EMF lines, captured from the real writer.</summary>
public sealed class ObservabilityTests
{
    private readonly MemoryStream _out = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    private List<JsonElement> Lines() =>
        Encoding.UTF8.GetString(_out.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private (ObservedApiHandler Handler, StubHandler Inner) Observed(ApiResponse response)
    {
        var writer = new JsonLineWriter(_out);
        var inner = new StubHandler(response, _time);
        return (new ObservedApiHandler(inner, new RequestLog(writer, _time), new ServiceMetrics(new EmbeddedMetrics(writer, _time)), _time), inner);
    }

    private static ApiResponse Json(int status, string body, params (string, string)[] headers) =>
        new(status, headers.ToDictionary(h => h.Item1, h => h.Item2, StringComparer.OrdinalIgnoreCase), Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task One_request_gives_one_log_line_with_route_status_latency_and_cache_hit()
    {
        var (handler, _) = Observed(Json(200, """{"package":"lodash"}""", ("X-Cache", "HIT")));
        await handler.HandleAsync(new ApiRequest { Method = "GET", Path = "/v1/packages/npm/lodash", RequestId = "req-1" });

        var lines = Lines();
        var log = lines.Single(l => l.TryGetProperty("type", out var t) && t.GetString() == "request");
        Assert.Equal("2026-11-27T12:00:00.250Z", log.GetProperty("timestamp").GetString());
        Assert.Equal("INFO", log.GetProperty("level").GetString());
        Assert.Equal("req-1", log.GetProperty("request_id").GetString());
        Assert.Equal("/v1/packages/{ecosystem}/{name}", log.GetProperty("route").GetString());
        Assert.Equal(200, log.GetProperty("status").GetInt32());
        Assert.Equal(250, log.GetProperty("latency_ms").GetDouble());
        Assert.True(log.GetProperty("cache_hit").GetBoolean());
        Assert.False(log.TryGetProperty("key_hash_prefix", out _));

        var emf = lines.Single(l => l.TryGetProperty("_aws", out _));
        AssertEmf(emf, "DepHealth", ["Route"], ("CacheHit", "Count"));
        Assert.Equal(1, emf.GetProperty("CacheHit").GetDouble());
        Assert.Equal("/v1/packages/{ecosystem}/{name}", emf.GetProperty("Route").GetString());
    }

    [Fact]
    public async Task A_request_with_an_api_key_never_logs_the_key_only_a_hash_prefix()
    {
        const string key = "dh_live_4f1c9a2b7e5d8c3a6b1f0e9d2c7a5b8e";
        var (handler, _) = Observed(Json(429, """{"error":{"code":"rate_limit_exceeded","message":"Monthly limit of 5000 requests exceeded"}}"""));
        await handler.HandleAsync(new ApiRequest
        {
            Method = "POST", Path = "/v1/scan", RequestId = "req-2",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-API-Key"] = key },
            Body = Encoding.UTF8.GetBytes($$"""{"dependencies":["{{key}}"]}"""),
        });

        var text = Encoding.UTF8.GetString(_out.ToArray());
        Assert.DoesNotContain(key, text);
        Assert.DoesNotContain(key[..12], text);
        var log = Lines().Single(l => l.TryGetProperty("type", out _));
        var prefix = log.GetProperty("key_hash_prefix").GetString();
        Assert.Equal(RequestLog.KeyHashPrefix(key), prefix);
        Assert.Equal(8, prefix!.Length);
        Assert.Equal("WARN", log.GetProperty("level").GetString());
        Assert.Equal("rate_limit_exceeded", log.GetProperty("error_code").GetString());

        var denial = Lines().Single(l => l.TryGetProperty("QuotaDenials", out _));
        AssertEmf(denial, "DepHealth", ["Kind"], ("QuotaDenials", "Count"));
        Assert.Equal("monthly", denial.GetProperty("Kind").GetString());
    }

    [Fact]
    public void Service_metrics_write_valid_emf_for_each_signal()
    {
        var metrics = new ServiceMetrics(EmbeddedMetrics.FromEnvironment(new JsonLineWriter(_out), _time, name => name == EmbeddedMetrics.NamespaceVariable ? "DepHealthTest" : null));
        metrics.StoreLatency("BatchGet", TimeSpan.FromMilliseconds(3.5), ok: true);
        metrics.Upstream("github", TimeSpan.FromMilliseconds(120), failed: true);
        metrics.CollectionDuration("partial", TimeSpan.FromSeconds(1.25));
        metrics.QuotaDenied("demo");

        var lines = Lines();
        Assert.Equal(4, lines.Count);
        AssertEmf(lines[0], "DepHealthTest", ["Operation"], ("StoreLatency", "Milliseconds"), ("StoreErrors", "Count"));
        Assert.Equal(3.5, lines[0].GetProperty("StoreLatency").GetDouble());
        AssertEmf(lines[1], "DepHealthTest", ["Source"], ("UpstreamLatency", "Milliseconds"), ("UpstreamFailures", "Count"));
        Assert.Equal(("github", 1.0), (lines[1].GetProperty("Source").GetString(), lines[1].GetProperty("UpstreamFailures").GetDouble()));
        AssertEmf(lines[2], "DepHealthTest", ["DataStatus"], ("CollectionDuration", "Milliseconds"));
        Assert.Equal(1250, lines[2].GetProperty("CollectionDuration").GetDouble());
        AssertEmf(lines[3], "DepHealthTest", ["Kind"], ("QuotaDenials", "Count"));
        Assert.All(lines, l => Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), l.GetProperty("_aws").GetProperty("Timestamp").GetInt64()));
    }

    [Fact]
    public async Task The_store_decorator_times_each_call_and_counts_errors()
    {
        var metrics = new ServiceMetrics(new EmbeddedMetrics(new JsonLineWriter(_out), _time));
        var store = new ObservedPackageStore(new SlowStore(_time), metrics, _time);
        Assert.Null(await store.GetAsync(new PackageKey("npm", "left-pad")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.PutAsync(new PackageRecord()));

        var lines = Lines();
        Assert.Equal(("Get", 40.0, 0.0), (lines[0].GetProperty("Operation").GetString(), lines[0].GetProperty("StoreLatency").GetDouble(), lines[0].GetProperty("StoreErrors").GetDouble()));
        Assert.Equal(("Put", 1.0), (lines[1].GetProperty("Operation").GetString(), lines[1].GetProperty("StoreErrors").GetDouble()));
    }

    [Fact]
    public async Task Concurrent_writers_never_interleave_lines()
    {
        var writer = new JsonLineWriter(_out);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++) writer.Write(w => w.WriteString("payload", new string((char)('a' + t), 300)));
        })));
        var lines = Lines();
        Assert.Equal(1600, lines.Count);
        Assert.All(lines, l =>
        {
            var payload = l.GetProperty("payload").GetString()!;
            Assert.Equal(300, payload.Length);
            Assert.Single(payload.Distinct());
        });
    }

    /// <summary>Checks the EMF structure: _aws.CloudWatchMetrics[0] with namespace, one dimension set, metric names and units, and values at the top level.</summary>
    private static void AssertEmf(JsonElement line, string ns, string[] dimensions, params (string Name, string Unit)[] metrics)
    {
        var directive = Assert.Single(line.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal(ns, directive.GetProperty("Namespace").GetString());
        var set = Assert.Single(directive.GetProperty("Dimensions").EnumerateArray());
        Assert.Equal(dimensions, set.EnumerateArray().Select(d => d.GetString()!).ToArray());
        Assert.Equal(metrics, directive.GetProperty("Metrics").EnumerateArray()
            .Select(m => (m.GetProperty("Name").GetString()!, m.GetProperty("Unit").GetString()!)).ToArray());
        foreach (var d in dimensions) Assert.Equal(JsonValueKind.String, line.GetProperty(d).ValueKind);
        foreach (var m in metrics) Assert.Equal(JsonValueKind.Number, line.GetProperty(m.Name).ValueKind);
    }

    private sealed class StubHandler(ApiResponse response, FakeTimeProvider time) : IApiHandler
    {
        public ValueTask<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            return ValueTask.FromResult(response);
        }
    }

    private sealed class SlowStore(FakeTimeProvider time) : IPackageStore
    {
        public Task<PackageRecord?> GetAsync(PackageKey key, CancellationToken cancellationToken = default)
        {
            time.Advance(TimeSpan.FromMilliseconds(40));
            return Task.FromResult<PackageRecord?>(null);
        }

        public Task<BatchReadResult> GetManyAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<WriteOutcome> PutAsync(PackageRecord record, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("store down");
    }
}
