using System.Diagnostics;
using DepHealth.Core.Api;
using DepHealth.Core.Storage;
using DepHealth.Server;
using DepHealth.Testing;
using Microsoft.AspNetCore.Builder;

namespace DepHealth.Cli.Tests.Server;

/// <summary>
/// The real local server (Kestrel on a loopback port over dynalite) serving a fixed record set scored at a fixed
/// instant, an API key made by the server's own <c>create-key</c> command, and a folder of corpus manifests to scan.
/// </summary>
public sealed class CliServerFixture : IAsyncLifetime
{
    /// <summary>The records are scored as of this instant, so scores and risks never drift with the calendar.</summary>
    public static readonly DateTimeOffset ScoredAt = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public static string RecordsFile => Path.Combine(RepoPaths.Root, "tests", "DepHealth.Cli.Tests", "Server", "records.jsonl");

    private DynaliteProcess? _dynalite;
    private WebApplication? _web;
    private DynamoDbClientProvider? _clients;

    public string ApiUrl { get; private set; } = "";
    public string ApiKey { get; private set; } = "";
    public int RecordsImported { get; private set; }
    public CliEnvironment Environment { get; } = new();

    /// <summary>A folder of corpus manifests under their real names (see <see cref="BuildWorkspace"/>).</summary>
    public string Workspace { get; } = Directory.CreateTempSubdirectory("dephealth-cli-scan-").FullName;

    public async Task InitializeAsync()
    {
        _dynalite = await DynaliteProcess.StartAsync();
        var settings = new DynamoDbSettings { ServiceUrl = _dynalite.Endpoint, PackagesTable = "cli-packages", ApiKeysTable = "cli-api-keys" };
        _clients = new DynamoDbClientProvider(settings);
        await new TableProvisioner(_clients).EnsureTablesAsync();
        var imported = await new SampleImporter(new DynamoPackageStore(_clients), new FixedTime(ScoredAt)).ImportAsync(RecordsFile, default);
        Assert.Empty(imported.Errors);
        RecordsImported = imported.Written;

        ApiKey = await CreateKeyAsync(settings, "business");
        _web = await ServerHost.StartAsync(ApiApplication.FromDynamo(_clients, new ApiOptions()), "http://127.0.0.1:0");
        ApiUrl = ServerHost.Addresses(_web).Single();
        BuildWorkspace();
    }

    /// <summary>The CLI's environment pointed at this server, with the given key (default: the fixture's).</summary>
    public Dictionary<string, string?> Variables(string? apiKey = null) => Environment.Variables(ApiUrl, apiKey ?? ApiKey);

    public string PathOf(params string[] parts) => Path.Combine([Workspace, .. parts]);

    /// <summary>Runs <c>dephealth-server create-key</c> as a process against dynalite and reads the key it prints once.</summary>
    private static async Task<string> CreateKeyAsync(DynamoDbSettings settings, string tier)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "dephealth-server.dll"), "create-key", "--tier", tier, "--user", "cli-tests" },
        };
        psi.Environment["DYNAMODB_ENDPOINT"] = settings.ServiceUrl;
        psi.Environment["PACKAGES_TABLE"] = settings.PackagesTable;
        psi.Environment["API_KEYS_TABLE"] = settings.ApiKeysTable;
        psi.Environment["AWS_ACCESS_KEY_ID"] = "local";
        psi.Environment["AWS_SECRET_ACCESS_KEY"] = "local";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"create-key exited {process.ExitCode}: {await stderr}");
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains($"({tier})", lines[0]);
        return lines[^1];
    }

    /// <summary>
    /// web/ (chalk's package.json: dev dependencies only), api/ (requests' pyproject.toml), lock/ (marked's package-lock.json
    /// beside its package.json), yarn/ (prettier's yarn.lock), pnpm/ (vue's pnpm-lock.yaml), py/ (httpx's requirements.txt),
    /// examples/celery/ (flask's example requirements.txt, for --exclude), broken/ (a package.json that is not JSON),
    /// snapshot/ (web + api again: the table snapshot's input).
    /// </summary>
    private void BuildWorkspace()
    {
        Copy("npm/chalk__chalk__package.json", "web/package.json");
        Copy("pypi/psf__requests__pyproject.toml", "api/pyproject.toml");
        Copy("npm/markedjs__marked__package.json", "lock/package.json");
        Copy("npm/lockfiles/markedjs__marked__package-lock.json", "lock/package-lock.json");
        Copy("npm/lockfiles/prettier__prettier__yarn.lock", "yarn/yarn.lock");
        Copy("npm/lockfiles/vuejs__core__pnpm-lock.yaml", "pnpm/pnpm-lock.yaml");
        Copy("pypi/encode__httpx__requirements.txt", "py/requirements.txt");
        Copy("pypi/pallets__flask__examples__celery__requirements.txt", "examples/celery/requirements.txt");
        Copy("npm/chalk__chalk__package.json", "snapshot/web/package.json");
        Copy("pypi/psf__requests__pyproject.toml", "snapshot/api/pyproject.toml");
        Directory.CreateDirectory(PathOf("broken"));
        File.WriteAllText(PathOf("broken", "package.json"), "{ \"dependencies\": { \"left-pad\": ");
    }

    private void Copy(string corpus, string target)
    {
        var to = Path.Combine(Workspace, target);
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(RepoPaths.CorpusFile(["manifests", .. corpus.Split('/')]), to);
    }

    public async Task DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }
        _clients?.Dispose();
        if (_dynalite is not null)
            await _dynalite.DisposeAsync();
        Environment.Dispose();
        Directory.Delete(Workspace, recursive: true);
    }

    /// <summary>A clock that always reads one instant.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
