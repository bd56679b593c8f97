using System.Net.Http.Headers;
using System.Text;
using DepHealth.Core.Api;
using DepHealth.Core.Auth;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Server;
using DepHealth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Reliability.Tests;

/// <summary>
/// The whole API over the real DynamoDB code path, with every store call going through a fault proxy in front of
/// dynalite; the clock is fake (timeouts and deadlines fire when a test advances it). Optionally served over
/// loopback HTTP by the real Kestrel host.
/// </summary>
public sealed class FaultStack : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private WebApplication? _web;

    private FaultStack(DynaliteProcess dynalite, LatencyProxy proxy, DynamoDbClientProvider direct, DynamoDbClientProvider proxied)
    {
        Dynalite = dynalite;
        Proxy = proxy;
        Direct = direct;
        Proxied = proxied;
    }

    public DynaliteProcess Dynalite { get; }
    public LatencyProxy Proxy { get; }
    public DynamoFaults Faults => Proxy.Faults;
    /// <summary>Straight to dynalite: setup and inspection, never faulted.</summary>
    public DynamoDbClientProvider Direct { get; }
    /// <summary>Through the proxy: what the API uses.</summary>
    public DynamoDbClientProvider Proxied { get; }
    public FakeTimeProvider Time { get; } = new(Start);
    public ApiApplication Api { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string Key { get; private set; } = "";
    public string UserId { get; private set; } = "";

    /// <param name="sdkRetries">The AWS SDK's own retries (MaxErrorRetry) for the API's client.</param>
    public static async Task<FaultStack> StartAsync(ApiOptions? options = null, int sdkRetries = 3, bool http = true,
        UsageMeterOptions? usage = null, ApiKeyValidatorOptions? keys = null, BatchReadOptions? batches = null)
    {
        var dynalite = await DynaliteProcess.StartAsync();
        var proxy = await LatencyProxy.StartAsync(dynalite.Endpoint);
        var settings = new DynamoDbSettings
        {
            ServiceUrl = dynalite.Endpoint,
            PackagesTable = "rel-packages",
            ApiKeysTable = "rel-api-keys",
            // The test's fake clock decides when a store step gives up, not the SDK's wall-clock timeout.
            RequestTimeout = TimeSpan.FromSeconds(60),
            MaxErrorRetry = sdkRetries,
        };
        var stack = new FaultStack(dynalite, proxy, new DynamoDbClientProvider(settings),
            new DynamoDbClientProvider(settings with { ServiceUrl = proxy.Endpoint }));
        await new TableProvisioner(stack.Direct).EnsureTablesAsync();
        var issued = await new ApiKeyIssuer(stack.Direct, stack.Time).CreateAsync("rel-user", Tiers.Free);
        stack.Key = issued.RawKey;
        stack.UserId = issued.UserId;

        var time = stack.Time;
        stack.Api = ApiApplication.Create(options ?? new ApiOptions(),
            new DynamoPackageStore(stack.Proxied, batches ?? new BatchReadOptions(), time),
            new ApiKeyValidator(stack.Proxied, keys, time),
            new UsageMeter(stack.Proxied, usage, time),
            new DemoLimiter(stack.Proxied, time),
            null, time);
        if (http)
        {
            stack._web = await ServerHost.StartAsync(stack.Api, "http://127.0.0.1:0");
            stack.Http = new HttpClient { BaseAddress = new Uri(ServerHost.Addresses(stack._web).Single()), Timeout = TimeSpan.FromSeconds(60) };
        }
        return stack;
    }

    public static string NameOf(int i) => $"rel-pkg-{i:D3}";

    /// <summary>Writes <paramref name="count"/> scored npm records (rel-pkg-000…) straight to dynalite.</summary>
    public async Task SeedAsync(int count)
    {
        var store = new DynamoPackageStore(Direct);
        for (var i = 0; i < count; i++)
            Assert.Equal(WriteOutcome.Written, await store.PutAsync(Record(NameOf(i), 50 + i % 50, Start.AddDays(-1))));
    }

    public static PackageRecord Record(string name, double score, DateTimeOffset collectedAt) => new()
    {
        Ecosystem = "npm",
        Name = name,
        HealthScore = score,
        RiskLevel = score >= 80 ? "LOW" : score >= 60 ? "MEDIUM" : "HIGH",
        DataStatus = "complete",
        LatestVersion = "1.0.0",
        WeeklyDownloads = 1000 + (long)score,
        Stars = 10,
        RepositoryUrl = "https://github.com/example/" + name,
        CollectedAt = collectedAt,
        LastUpdated = collectedAt,
    };

    public Task<HttpResponseMessage> GetAsync(string name, string? key = null) =>
        Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/packages/npm/{name}") { Headers = { { "X-API-Key", key ?? Key } } });

    public Task<HttpResponseMessage> ScanAsync(IEnumerable<string> names)
    {
        var deps = string.Join(",", names.Select(n => $"\"{n}\":\"^1.0.0\""));
        var body = "{\"ecosystem\":\"npm\",\"dependencies\":{" + deps + "}}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/scan")
        {
            Headers = { { "X-API-Key", Key } },
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        return Http.SendAsync(request);
    }

    /// <summary>The same GET straight through the handler (no HTTP), for many requests in a row.</summary>
    public async Task<ApiResponse> HandleGetAsync(string name)
    {
        var response = await Api.Handler.HandleAsync(new ApiRequest
        {
            Method = "GET",
            Path = $"/v1/packages/npm/{name}",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-API-Key"] = Key },
            Query = new Dictionary<string, string>(),
            SourceIp = "198.51.100.1",
        });
        return response;
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_web is not null)
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }
        Proxied.Dispose();
        Direct.Dispose();
        await Proxy.DisposeAsync();
        await Dynalite.DisposeAsync();
    }
}
