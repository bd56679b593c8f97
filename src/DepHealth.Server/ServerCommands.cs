using DepHealth.Core.Api;
using DepHealth.Core.Auth;
using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Observability;
using DepHealth.Core.Storage;
using DepHealth.Server.Collection;

namespace DepHealth.Server;

/// <summary>The server's subcommands: serve (default), import, create-tables, create-key.</summary>
public static class ServerCommands
{
    public const string SampleFile = "data/sample-packages.jsonl";
    public const string DemoUser = "demo-user";

    public static async Task<int> ServeAsync(string? urls, string? samplePath, TextWriter output, CancellationToken ct) =>
        await ServeAsync(urls, samplePath, offline: false, output, ct);

    /// <param name="urls">Addresses to listen on.</param>
    /// <param name="samplePath">Sample data imported into a dynalite started here.</param>
    /// <param name="offline">Collect unknown packages from the upstream emulator, without probing the real hosts.</param>
    /// <param name="output">Where the banner and the collection log go.</param>
    /// <param name="ct">Stops the server.</param>
    public static async Task<int> ServeAsync(string? urls, string? samplePath, bool offline, TextWriter output, CancellationToken ct)
    {
        urls ??= Environment.GetEnvironmentVariable("DEPHEALTH_URLS") ?? ServerHost.DefaultUrls;
        ApiOptions options;
        DynamoDbSettings settings;
        try
        {
            options = ApiOptionsEnvironment.Read();
            settings = DynamoDbSettings.FromEnvironment();
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"configuration error: {e.Message}");
            return 2;
        }

        LocalDynamo? dynalite = null;
        try
        {
            string? demoKey = null;
            if (settings.ServiceUrl is null)
            {
                var root = LocalDynamo.FindRepoRoot();
                if (root is null)
                {
                    await Console.Error.WriteLineAsync(
                        "DYNAMODB_ENDPOINT is not set and the repository (package.json with dynalite) was not found; set DEPHEALTH_ROOT or DYNAMODB_ENDPOINT.");
                    return 2;
                }
                dynalite = await LocalDynamo.StartAsync(root, output, ct);
                settings = settings with { ServiceUrl = dynalite.Endpoint };
                samplePath ??= Path.Combine(root, SampleFile);
            }

            using var clients = new DynamoDbClientProvider(settings);
            await using var collection = await LocalCollection.StartAsync(clients, offline, LocalDynamo.FindRepoRoot(), output, ct);
            // One JSON line per request (and EMF metrics) on the console; DEPHEALTH_LOG_REQUESTS=0 silences them.
            var app = ApiApplication.FromDynamo(clients, options, collection.Queue, observability: ApiObservability.FromEnvironment());
            collection.Attach(app.Cache);
            if (dynalite is not null)
            {
                await new TableProvisioner(clients).EnsureTablesAsync(ct);
                var imported = await new SampleImporter(new DynamoPackageStore(clients), TimeProvider.System).ImportAsync(samplePath!, ct);
                output.WriteLine($"DynamoDB: dynalite (in memory) at {dynalite.Endpoint}; its data is gone when the server stops.");
                output.WriteLine($"Imported {imported.Written} sample packages from {Path.GetRelativePath(Directory.GetCurrentDirectory(), samplePath!)} " +
                                 "(sources include \"sample\": illustrative values, not live data).");
                foreach (var error in imported.Errors)
                    output.WriteLine($"  skipped {error}");
                demoKey = (await new ApiKeyIssuer(clients).CreateAsync(DemoUser, Tiers.Free, ct)).RawKey;
            }
            else
            {
                output.WriteLine($"DynamoDB: {settings.ServiceUrl} (tables {settings.PackagesTable}, {settings.ApiKeysTable})");
            }

            var web = await ServerHost.StartAsync(app, urls, ct);
            var address = ServerHost.Addresses(web).FirstOrDefault() ?? urls;
            PrintBanner(output, address, demoKey, dynalite?.Endpoint);
            try
            {
                await web.WaitForShutdownAsync(ct);
            }
            finally
            {
                await web.StopAsync(CancellationToken.None);
                await web.DisposeAsync();
            }
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            if (dynalite is not null)
                await dynalite.DisposeAsync();
        }
    }

    public static async Task<int> ImportAsync(string path, TextWriter output, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"no such file: {path}");
            return 2;
        }
        using var clients = new DynamoDbClientProvider(DynamoDbSettings.FromEnvironment());
        var result = await new SampleImporter(new DynamoPackageStore(clients), TimeProvider.System).ImportAsync(path, ct);
        output.WriteLine($"imported {result.Written}, kept {result.Kept} newer stored record(s), refused {result.Errors.Count}");
        foreach (var error in result.Errors)
            output.WriteLine($"  {error}");
        return result.Errors.Count == 0 ? 0 : 1;
    }

    public static async Task<int> CreateTablesAsync(TextWriter output, CancellationToken ct)
    {
        using var clients = new DynamoDbClientProvider(DynamoDbSettings.FromEnvironment());
        var created = await new TableProvisioner(clients).EnsureTablesAsync(ct);
        output.WriteLine(created.Count == 0 ? "tables already exist" : $"created {string.Join(", ", created)}");
        return 0;
    }

    public static async Task<int> CreateKeyAsync(string tier, string? user, TextWriter output, CancellationToken ct)
    {
        if (!Tiers.IsKnown(tier))
        {
            await Console.Error.WriteLineAsync($"unknown tier '{tier}': use {string.Join(", ", Tiers.Limits.Select(l => l.Key))}");
            return 2;
        }
        using var clients = new DynamoDbClientProvider(DynamoDbSettings.FromEnvironment());
        var issued = await new ApiKeyIssuer(clients).CreateAsync(user ?? $"user-{Guid.NewGuid():N}", tier, ct);
        output.WriteLine($"API key for {issued.UserId} ({issued.Tier}); it is shown only this once:");
        output.WriteLine(issued.RawKey);
        return 0;
    }

    private static void PrintBanner(TextWriter output, string address, string? demoKey, string? dynamoEndpoint)
    {
        var key = demoKey ?? "<your key>";
        output.WriteLine();
        output.WriteLine($"DepHealth API listening on {address}");
        if (demoKey is not null)
            output.WriteLine($"Demo API key (free tier, shown only once): {demoKey}");
        output.WriteLine();
        output.WriteLine("Try:");
        output.WriteLine($"  curl -s {address}/v1/health");
        output.WriteLine($"  curl -s -H 'X-API-Key: {key}' {address}/v1/packages/npm/@babel/core");
        output.WriteLine($"  curl -s -H 'X-API-Key: {key}' '{address}/v1/packages/pypi/requests?fields=health_score,risk_level,abandonment_risk'");
        output.WriteLine($"  curl -s -H 'X-API-Key: {key}' -H 'Content-Type: application/json' -d '{{\"dependencies\":{{\"vite\":\"^7\",\"request\":\"^2\",\"left-pad\":\"1\"}}}}' {address}/v1/scan");
        output.WriteLine($"  curl -s -H 'X-API-Key: {key}' {address}/v1/usage");
        output.WriteLine($"  curl -s {address}/v1/packages/npm/vite    # no key: demo mode, 20 requests/hour");
        output.WriteLine($"  curl -s -H 'X-API-Key: {key}' {address}/v1/packages/npm/express    # not stored yet: 404, collected in the background, 200 moments later");
        if (dynamoEndpoint is not null)
            output.WriteLine($"More keys: DYNAMODB_ENDPOINT={dynamoEndpoint} dotnet run --project src/DepHealth.Server -- create-key --tier pro");
        output.WriteLine("Press Ctrl+C to stop.");
        output.Flush();
    }
}
