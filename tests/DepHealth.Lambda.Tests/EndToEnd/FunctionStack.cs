using System.Globalization;
using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Auth;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Testing;

namespace DepHealth.Lambda.Tests.EndToEnd;

/// <summary>
/// What the functions run against: dynalite with the tables (the storage provisioner), stored package records,
/// and API keys from the key issuer; plus the environment that points a bootstrap at it.
/// </summary>
public sealed class FunctionStack : IAsyncDisposable
{
    private readonly DynaliteProcess _dynalite;

    private FunctionStack(DynaliteProcess dynalite, DynamoDbClientProvider clients)
    {
        _dynalite = dynalite;
        Clients = clients;
        Environment = new Dictionary<string, string?>
        {
            ["DYNAMODB_ENDPOINT"] = dynalite.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["PACKAGES_TABLE"] = clients.Settings.PackagesTable,
            ["API_KEYS_TABLE"] = clients.Settings.ApiKeysTable,
        };
    }

    public DynamoDbClientProvider Clients { get; }
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>Stored npm packages: a plain name, a scoped one, and two of express's dependencies.</summary>
    public static readonly string[] StoredNpm = ["typescript", "@types/node", "debug", "qs"];

    public static async Task<FunctionStack> StartAsync()
    {
        var dynalite = await DynaliteProcess.StartAsync();
        var clients = new DynamoDbClientProvider(new DynamoDbSettings { ServiceUrl = dynalite.Endpoint });
        await new TableProvisioner(clients).EnsureTablesAsync();
        var store = new DynamoPackageStore(clients);
        var collectedAt = new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);
        var scores = new Dictionary<string, (double Score, string Risk)>
        {
            ["typescript"] = (92, "LOW"), ["@types/node"] = (88, "LOW"), ["debug"] = (61, "MEDIUM"), ["qs"] = (34, "HIGH"),
        };
        foreach (var (name, (score, risk)) in scores)
            await store.PutAsync(Record("npm", name, score, risk, collectedAt));
        await store.PutAsync(Record("pypi", "requests", 90, "LOW", collectedAt));
        return new FunctionStack(dynalite, clients);
    }

    private static PackageRecord Record(string ecosystem, string name, double score, string risk, DateTimeOffset at) => new()
    {
        Ecosystem = ecosystem,
        Name = name,
        Tier = 1,
        LatestVersion = "1.2.3",
        WeeklyDownloads = 1_000_000,
        Stars = 5_000,
        MaintainerCount = 3,
        DaysSinceLastCommit = 4,
        Licenses = ["MIT"],
        Sources = ["deps.dev", ecosystem, "github"],
        DataStatus = "complete",
        MissingSources = [],
        HealthScore = score,
        RiskLevel = risk,
        CollectedAt = at,
        LastUpdated = at,
        ScoredAt = at,
    };

    /// <summary>A new key for a new user.</summary>
    public Task<IssuedApiKey> IssueKeyAsync(string tier = Tiers.Free) =>
        new ApiKeyIssuer(Clients).CreateAsync("e2e-" + Guid.NewGuid().ToString("N")[..12], tier);

    /// <summary>Records <paramref name="requests"/> already admitted this month for the user (as the usage meter stores them).</summary>
    public async Task SetMonthlyUsageAsync(string userId, long requests)
    {
        var item = ApiKeysTableLayout.Usage(userId, QuotaPeriods.MonthId(DateTimeOffset.UtcNow));
        var n = requests.ToString(CultureInfo.InvariantCulture);
        item["requests"] = new AttributeValue { N = n };
        item["committed"] = new AttributeValue { N = n };
        await Clients.Client.PutItemAsync(new PutItemRequest { TableName = Clients.Settings.ApiKeysTable, Item = item });
    }

    public async ValueTask DisposeAsync()
    {
        Clients.Dispose();
        await _dynalite.DisposeAsync();
    }
}
