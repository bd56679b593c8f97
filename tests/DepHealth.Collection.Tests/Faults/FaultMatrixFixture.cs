using System.Globalization;
using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Emulator.Upstream;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Faults;

/// <summary>
/// One dynalite and one upstream emulator for the whole fault matrix, and the matrix's running totals
/// (written to <c>DEPHEALTH_FAULT_MATRIX_REPORT</c> when set, for docs/reliability.md).
/// </summary>
public sealed class FaultMatrixFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-27T12:00:00Z", CultureInfo.InvariantCulture);

    private DynaliteProcess _dynalite = null!;
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];

    public DynamoDbClientProvider Clients { get; private set; } = null!;
    public DynamoPackageStore Store { get; private set; } = null!;
    public UpstreamEmulator Emulator { get; private set; } = null!;

    public int Scenarios { get; private set; }
    public int FieldsCompared { get; private set; }
    public int FieldsLost { get; private set; }
    public int Attempts { get; private set; }

    public async Task InitializeAsync()
    {
        _dynalite = await DynaliteProcess.StartAsync();
        Clients = new DynamoDbClientProvider(DynamoDbSettings.FromEnvironment(name => name switch
        {
            "DYNAMODB_ENDPOINT" => _dynalite.Endpoint,
            "PACKAGES_TABLE" => "faults-packages",
            "API_KEYS_TABLE" => "faults-api-keys",
            _ => null,
        }) with { MaxErrorRetry = 0 });
        await new TableProvisioner(Clients).EnsureTablesAsync();
        Store = new DynamoPackageStore(Clients);
        Emulator = await UpstreamEmulator.StartAsync(new UpstreamEmulatorOptions
        {
            Seed = 42,
            Clock = new FakeTimeProvider(Start),
            SyntheticPackagesPerEcosystem = 5,
        });
    }

    /// <summary>The emulator's base URLs as collector configuration.</summary>
    public UpstreamOptions Urls()
    {
        var urls = new UpstreamOptions { GitHubToken = "ghp_fault_matrix_token" };
        foreach (var upstream in Upstreams.All)
            urls.SetBaseUrl(upstream, UpstreamOptions.ParseBaseUrl(Emulator.BaseUrls.EnvironmentVariables.Single(v => v.Key == upstream.EnvironmentVariable()).Value));
        return urls;
    }

    public async Task<Dictionary<string, AttributeValue>> ReadItemAsync(Ecosystem ecosystem, string name) =>
        (await Clients.Client.GetItemAsync(new GetItemRequest
        {
            TableName = Clients.Settings.PackagesTable,
            Key = PackageItemMapper.KeyOf(new PackageKey(ecosystem.ToWire(), name)),
            ConsistentRead = true,
        })).Item ?? [];

    public Task DeleteItemAsync(Ecosystem ecosystem, string name) =>
        Clients.Client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = Clients.Settings.PackagesTable,
            Key = PackageItemMapper.KeyOf(new PackageKey(ecosystem.ToWire(), name)),
        });

    public Task RemoveAttributeAsync(Ecosystem ecosystem, string name, string attribute) =>
        Clients.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Clients.Settings.PackagesTable,
            Key = PackageItemMapper.KeyOf(new PackageKey(ecosystem.ToWire(), name)),
            UpdateExpression = "REMOVE #a",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#a"] = attribute },
        });

    /// <summary>Jittered retry delays seen across the matrix (Retry-After delays excluded).</summary>
    public List<TimeSpan> JitteredDelays { get; } = [];

    public void Record(string line, int compared, int lost, int attempts, IEnumerable<TimeSpan> jitteredDelays)
    {
        lock (_lock)
        {
            JitteredDelays.AddRange(jitteredDelays);
            Scenarios++;
            FieldsCompared += compared;
            FieldsLost += lost;
            Attempts += attempts;
            _lines.Add(line);
        }
    }

    public async Task DisposeAsync()
    {
        if (Scenarios > 0 && Environment.GetEnvironmentVariable("DEPHEALTH_FAULT_MATRIX_REPORT") is { Length: > 0 } path)
        {
            var summary = $"scenarios={Scenarios} fields_compared={FieldsCompared} fields_lost={FieldsLost} upstream_attempts={Attempts} " +
                          $"jittered_delays={JitteredDelays.Count} distinct={JitteredDelays.Distinct().Count()}";
            await File.WriteAllLinesAsync(path, [summary, .. _lines.Order(StringComparer.Ordinal)]);
        }
        await Emulator.DisposeAsync();
        Clients.Dispose();
        await _dynalite.DisposeAsync();
    }
}
