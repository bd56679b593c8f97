using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DepHealth.Core.Api;
using DepHealth.Core.Auth;
using DepHealth.Core.Observability;
using DepHealth.Core.Storage;
using DepHealth.Server;
using DepHealth.Testing;
using Microsoft.AspNetCore.Builder;

namespace DepHealth.Api.Tests.Http;

/// <summary>The real Kestrel host over dynalite, wired with <see cref="ApiApplication.FromDynamo"/> and a captured log sink.</summary>
public sealed class ObservedServerFixture : IAsyncLifetime
{
    private DynaliteProcess? _dynalite;
    private WebApplication? _web;

    public CapturedLines Log { get; } = new();
    public DynamoDbClientProvider Clients { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _dynalite = await DynaliteProcess.StartAsync();
        Clients = new DynamoDbClientProvider(new DynamoDbSettings { ServiceUrl = _dynalite.Endpoint });
        await new TableProvisioner(Clients).EnsureTablesAsync();
        await new SampleImporter(new DynamoPackageStore(Clients), TimeProvider.System)
            .ImportAsync(Path.Combine(RepoPaths.Root, ServerCommands.SampleFile), default);
        var observability = ApiObservability.FromEnvironment(_ => null, new JsonLineWriter(Log));
        var api = ApiApplication.FromDynamo(Clients, new ApiOptions(), observability: observability);
        _web = await ServerHost.StartAsync(api, "http://127.0.0.1:0");
        Http = new HttpClient { BaseAddress = new Uri(ServerHost.Addresses(_web).Single()), Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<string> CreateKeyAsync(string tier = Tiers.Pro) =>
        (await new ApiKeyIssuer(Clients).CreateAsync("obs-" + Guid.NewGuid().ToString("N")[..10], tier)).RawKey;

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_web is not null)
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }
        Clients?.Dispose();
        if (_dynalite is not null)
            await _dynalite.DisposeAsync();
    }
}

/// <summary>
/// What an operator sees from the running server: one JSON line per request with the route template, status, latency
/// and cache outcome (also sent as X-Cache), EMF store-latency and quota-denial lines, and never an API key or its hash.
/// </summary>
public sealed class ObservabilityHttpTests(ObservedServerFixture server) : IClassFixture<ObservedServerFixture>
{
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Add("X-API-Key", key);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return await server.Http.SendAsync(request);
    }

    private static JsonElement Last(IReadOnlyList<JsonElement> lines, string route) =>
        lines.Last(l => l.GetProperty("route").GetString() == route);

    [Fact]
    public async Task A_get_logs_a_miss_then_a_hit_with_the_route_template_and_answers_X_Cache()
    {
        var key = await server.CreateKeyAsync();
        server.Log.Clear();

        using var first = await SendAsync(HttpMethod.Get, "/v1/packages/npm/%40babel%2Fcore", key);
        using var second = await SendAsync(HttpMethod.Get, "/v1/packages/npm/%40babel%2Fcore", key);

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal("miss", first.Headers.GetValues("X-Cache").Single());
        Assert.Equal("hit", second.Headers.GetValues("X-Cache").Single());
        var requests = server.Log.Requests();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal("GET", r.GetProperty("method").GetString());
            Assert.Equal("/v1/packages/{ecosystem}/{name}", r.GetProperty("route").GetString());
            Assert.Equal(200, r.GetProperty("status").GetInt32());
            Assert.Equal("INFO", r.GetProperty("level").GetString());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("request_id").GetString()));
            Assert.True(r.GetProperty("latency_ms").GetDouble() >= 0);
            Assert.Equal("DepHealth", r.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString());
        });
        Assert.Equal([0, 1], requests.Select(r => r.GetProperty("cache_hit").GetInt32()));
        Assert.NotEqual(requests[0].GetProperty("request_id").GetString(), requests[1].GetProperty("request_id").GetString());
        Assert.DoesNotContain("babel", server.Log.Text);

        // Only the miss read the store: one Get latency line.
        var storeLines = server.Log.Json().Where(l => l.TryGetProperty("StoreLatency", out _)).ToList();
        var get = Assert.Single(storeLines);
        Assert.Equal(("Get", 0.0), (get.GetProperty("Operation").GetString(), get.GetProperty("StoreErrors").GetDouble()));
    }

    [Fact]
    public async Task A_scan_logs_its_route_and_a_batch_read_and_no_request_ever_logs_the_key_or_its_hash()
    {
        var key = await server.CreateKeyAsync();
        const string badKey = "dh_not_a_real_key_0123456789abcdef";
        server.Log.Clear();

        using var scan = await SendAsync(HttpMethod.Post, "/v1/scan", key, """{"dependencies":{"vite":"^7","request":"^2","left-pad":"1"}}""");
        using var usage = await SendAsync(HttpMethod.Get, "/v1/usage", key);
        using var unauthorized = await SendAsync(HttpMethod.Get, "/v1/usage", badKey);
        using var bad = await SendAsync(HttpMethod.Get, "/v1/packages/cargo/serde", key);

        Assert.Equal([200, 200, 401, 400], new[] { scan, usage, unauthorized, bad }.Select(r => (int)r.StatusCode));
        var requests = server.Log.Requests();
        Assert.Equal(200, Last(requests, "/v1/scan").GetProperty("status").GetInt32());
        Assert.False(Last(requests, "/v1/scan").TryGetProperty("cache_hit", out _));
        var denied = Last(requests, "/v1/usage");
        Assert.Equal((401, "WARN", "invalid_api_key"),
            (denied.GetProperty("status").GetInt32(), denied.GetProperty("level").GetString(), denied.GetProperty("error_code").GetString()));
        Assert.Equal("invalid_ecosystem", Last(requests, "/v1/packages/{ecosystem}/{name}").GetProperty("error_code").GetString());
        Assert.Contains(server.Log.Json(), l => l.TryGetProperty("Operation", out var op) && op.GetString() == "BatchGet");

        var text = server.Log.Text;
        foreach (var k in new[] { key, badKey })
        {
            Assert.DoesNotContain(k, text);
            Assert.DoesNotContain(k[^12..], text);
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(k));
            Assert.DoesNotContain(Convert.ToHexString(hash)[..8], text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(hash)[..8], text);
        }
    }

    [Fact]
    public async Task A_monthly_quota_denial_is_a_429_line_and_a_QuotaDenials_metric()
    {
        var issued = await new ApiKeyIssuer(server.Clients).CreateAsync("obs-quota-" + Guid.NewGuid().ToString("N")[..8], Tiers.Free);
        var manyDeps = "{\"dependencies\":{" + string.Join(",", Enumerable.Range(0, 1000).Select(i => $"\"pkg-{i}\":\"1\"")) + "}}";
        var spent = 0;
        HttpResponseMessage? last = null;
        // Spend the free tier's 5000 requests in scans of 1000 dependencies until one is refused.
        while (spent <= Tiers.MonthlyLimitOf(Tiers.Free) + 1000)
        {
            last?.Dispose();
            last = await SendAsync(HttpMethod.Post, "/v1/scan", issued.RawKey, manyDeps);
            if ((int)last.StatusCode == 429) break;
            Assert.Equal(200, (int)last.StatusCode);
            spent += 1000;
        }
        Assert.Equal(429, (int)last!.StatusCode);
        last.Dispose();

        var denial = server.Log.Json().Last(l => l.TryGetProperty("QuotaDenials", out _));
        Assert.Equal(("monthly", 1.0), (denial.GetProperty("Kind").GetString(), denial.GetProperty("QuotaDenials").GetDouble()));
        var line = Last(server.Log.Requests(), "/v1/scan");
        Assert.Equal((429, "rate_limit_exceeded"), (line.GetProperty("status").GetInt32(), line.GetProperty("error_code").GetString()));
    }
}
