using System.Text.Json;
using DepHealth.Core.Auth;
using DepHealth.Core.Json;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Testing;

namespace DepHealth.Bench.ColdStart;

/// <summary>
/// dynalite (behind <see cref="LatencyProxy"/> when a latency is given) with the tables, one stored package and one key;
/// the function environment that points a bootstrap at it; the GET event to send.
/// </summary>
public sealed class BenchStack : IAsyncDisposable
{
    // A complete collected record, as the collectors store it.
    private const string StoredRecord = """
        {"ecosystem":"npm","name":"typescript","tier":1,"latest_version":"5.9.3","created_at":"2012-10-01T00:00:00+00:00",
         "last_published":"2026-10-01T12:00:00+00:00","weekly_downloads":95000000,"dependents_count":120000,"stars":104000,
         "forks":13000,"open_issues":5200,"maintainer_count":6,"days_since_last_commit":1,"commits_90d":180,
         "active_contributors_90d":25,"total_contributors":800,"true_bus_factor":6,"bus_factor_confidence":"HIGH",
         "advisories":[],"openssf_score":7.1,"is_deprecated":false,"archived":false,
         "repository_url":"https://github.com/microsoft/TypeScript","licenses":["MIT"],"sources":["deps.dev","npm","github"],
         "data_status":"complete","missing_sources":[],"collected_at":"2026-11-26T06:00:00+00:00",
         "last_updated":"2026-11-26T06:00:00+00:00"}
        """;

    private readonly DynaliteProcess _dynalite;
    private readonly LatencyProxy? _proxy;
    private readonly IReadOnlyDictionary<string, string?> _environment;

    private BenchStack(DynaliteProcess dynalite, LatencyProxy? proxy, IReadOnlyDictionary<string, string?> environment, string getEvent)
    {
        _dynalite = dynalite;
        _proxy = proxy;
        _environment = environment;
        GetPackageEvent = getEvent;
    }

    public string GetPackageEvent { get; }

    /// <summary>The function's environment; <paramref name="cacheEnabled"/> false is the naive baseline (a GetItem per GET).</summary>
    public IReadOnlyDictionary<string, string?> FunctionEnvironment(bool cacheEnabled) =>
        new Dictionary<string, string?>(_environment) { ["CACHE_ENABLED"] = cacheEnabled ? "true" : "false" };

    /// <summary>Starts dynalite; with a positive <paramref name="latency"/> the function reaches it through a proxy adding that much per request.</summary>
    public static async Task<BenchStack> StartAsync(TimeSpan latency = default)
    {
        var dynalite = await DynaliteProcess.StartAsync();
        var proxy = latency > TimeSpan.Zero ? await LatencyProxy.StartAsync(dynalite.Endpoint, latency) : null;
        var settings = new DynamoDbSettings { ServiceUrl = dynalite.Endpoint };
        using var clients = new DynamoDbClientProvider(settings);
        await new TableProvisioner(clients).EnsureTablesAsync();

        var record = JsonSerializer.Deserialize(StoredRecord, DepHealthJsonContext.Default.PackageRecord)!;
        await new DynamoPackageStore(clients).PutAsync(record);
        var key = await new ApiKeyIssuer(clients).CreateAsync("bench-user", Tiers.Business);

        var environment = new Dictionary<string, string?>
        {
            ["DYNAMODB_ENDPOINT"] = proxy?.Endpoint ?? dynalite.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["PACKAGES_TABLE"] = settings.PackagesTable,
            ["API_KEYS_TABLE"] = settings.ApiKeysTable,
        };
        var getEvent = ApiGatewayEvent.Get(record.Ecosystem, record.Name, key.RawKey);
        return new BenchStack(dynalite, proxy, environment, getEvent);
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
            await _proxy.DisposeAsync();
        await _dynalite.DisposeAsync();
    }
}
