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
    public async Task One_request_gives_one_line_with_route_status_latency_cache_hit_and_its_emf_metrics()
    {
        var (handler, _) = Observed(Json(200, """{"package":"lodash"}""", ("X-Cache", "hit")));
        await handler.HandleAsync(new ApiRequest { Method = "GET", Path = "/v1/packages/npm/lodash", RequestId = "req-1" });

        var log = Assert.Single(Lines());
        Assert.Equal("2026-11-27T12:00:00.25Z", log.GetProperty("timestamp").GetString());
        Assert.Equal("INFO", log.GetProperty("level").GetString());
        Assert.Equal("request", log.GetProperty("type").GetString());
        Assert.Equal("req-1", log.GetProperty("request_id").GetString());
        Assert.Equal("GET", log.GetProperty("method").GetString());
        Assert.Equal("/v1/packages/{ecosystem}/{name}", log.GetProperty("route").GetString());
        Assert.Equal(200, log.GetProperty("status").GetInt32());
        Assert.Equal(250, log.GetProperty("latency_ms").GetDouble());
        Assert.Equal(1, log.GetProperty("cache_hit").GetInt32());
        Assert.False(log.TryGetProperty("error_code", out _));
        AssertEmf(log, "DepHealth", ["route"], ("latency_ms", "Milliseconds"), ("cache_hit", "Count"));
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), log.GetProperty("_aws").GetProperty("Timestamp").GetInt64());
    }

    [Theory]
    [InlineData("/v1/packages/npm/left-pad", "miss", 0)]
    [InlineData("/packages/pypi/requests", "MISS", 0)]
    [InlineData("/packages/npm/%40babel%2Fcore", "HIT", 1)]
    public async Task A_cache_miss_counts_zero_and_paths_without_the_stage_map_to_the_same_route(string path, string header, int expected)
    {
        var (handler, _) = Observed(Json(200, "{}", ("X-Cache", header)));
        await handler.HandleAsync(new ApiRequest { Method = "GET", Path = path });
        var log = Assert.Single(Lines());
        Assert.Equal(Routes.Package, log.GetProperty("route").GetString());
        Assert.Equal(expected, log.GetProperty("cache_hit").GetInt32());
        Assert.False(log.TryGetProperty("request_id", out _));
    }

    [Theory]
    [InlineData("/v1/scan", "/v1/scan")]
    [InlineData("/scan", "/v1/scan")]
    [InlineData("/v1/usage", "/v1/usage")]
    [InlineData("/v1/health", "/v1/health")]
    [InlineData("/v1/packages", "/v1/packages/{ecosystem}/{name}")]
    [InlineData("/v1/secret-admin/dh_live_123", "other")]
    [InlineData("/", "other")]
    public void Routes_are_templates_never_raw_paths(string path, string route) => Assert.Equal(route, Routes.Template(path));

    [Fact]
    public async Task A_response_without_the_cache_header_has_no_cache_metric()
    {
        var (handler, _) = Observed(Json(200, "{}"));
        await handler.HandleAsync(new ApiRequest { Method = "GET", Path = "/v1/usage" });
        var log = Assert.Single(Lines());
        Assert.False(log.TryGetProperty("cache_hit", out _));
        AssertEmf(log, "DepHealth", ["route"], ("latency_ms", "Milliseconds"));
    }

    [Fact]
    public async Task A_request_with_an_api_key_never_logs_the_key_nor_its_hash()
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
        foreach (var hash in KeyHashes(key)) Assert.DoesNotContain(hash[..8], text, StringComparison.OrdinalIgnoreCase);
        var log = Lines().Single(l => l.TryGetProperty("type", out _));
        Assert.False(log.TryGetProperty("key_hash_prefix", out _));
        Assert.Equal("WARN", log.GetProperty("level").GetString());
        Assert.Equal("rate_limit_exceeded", log.GetProperty("error_code").GetString());

        var denial = Lines().Single(l => l.TryGetProperty("QuotaDenials", out _));
        AssertEmf(denial, "DepHealth", ["Kind"], ("QuotaDenials", "Count"));
        Assert.Equal("monthly", denial.GetProperty("Kind").GetString());
    }

    [Fact]
    public async Task A_demo_denial_is_counted_as_demo_and_a_server_error_logs_at_error_level()
    {
        var (demo, _) = Observed(Json(429, """{"error":{"code":"demo_rate_limit_exceeded","message":"x"}}"""));
        await demo.HandleAsync(new ApiRequest { Method = "GET", Path = "/v1/packages/npm/vite" });
        var (failing, _) = Observed(Json(503, """{"error":{"code":"service_unavailable","message":"x"}}"""));
        await failing.HandleAsync(new ApiRequest { Method = "GET", Path = "/v1/usage" });

        var lines = Lines();
        Assert.Equal("demo", lines.Single(l => l.TryGetProperty("QuotaDenials", out _)).GetProperty("Kind").GetString());
        var error = lines.Single(l => l.TryGetProperty("status", out var s) && s.GetInt32() == 503);
        Assert.Equal(("ERROR", "service_unavailable"), (error.GetProperty("level").GetString(), error.GetProperty("error_code").GetString()));
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("OFF", false)]
    [InlineData("1", true)]
    [InlineData(null, true)]
    public void DEPHEALTH_LOG_REQUESTS_turns_request_lines_and_metrics_off(string? value, bool on)
    {
        var observability = ApiObservability.FromEnvironment(
            name => name == ApiObservability.LogRequestsVariable ? value : null, new JsonLineWriter(_out), _time);
        Assert.Equal(on, observability is not null);
    }

    private static IEnumerable<string> KeyHashes(string key)
    {
        yield return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        yield return Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
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

    [Fact]
    public void A_collection_gives_one_upstream_line_per_call_by_source_and_its_duration_by_data_status()
    {
        var metrics = new ServiceMetrics(new EmbeddedMetrics(new JsonLineWriter(_out), _time));
        CollectionMetrics.Emit(metrics, new DepHealth.Core.Collection.CollectionResult
        {
            Record = new PackageRecord { Ecosystem = "npm", Name = "chalk", DataStatus = "partial" },
            Sources = [],
            Calls =
            [
                new("depsdev.package", [], 0, 30, 200, "ok"),
                new("github.commits", ["npm.latest"], 40, 95.5, null, "timeout"),
                new("npm.latest", [], 0, 40, 404, "ok"),
            ],
            ElapsedMs = 96,
        });

        var lines = Lines();
        Assert.Equal(4, lines.Count);
        Assert.Equal(["depsdev", "github", "npm"], lines.Take(3).Select(l => l.GetProperty("Source").GetString()));
        Assert.Equal([30.0, 55.5, 40.0], lines.Take(3).Select(l => l.GetProperty("UpstreamLatency").GetDouble()));
        Assert.Equal([0.0, 1.0, 0.0], lines.Take(3).Select(l => l.GetProperty("UpstreamFailures").GetDouble()));
        AssertEmf(lines[3], "DepHealth", ["DataStatus"], ("CollectionDuration", "Milliseconds"));
        Assert.Equal(("partial", 96.0), (lines[3].GetProperty("DataStatus").GetString(), lines[3].GetProperty("CollectionDuration").GetDouble()));
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
