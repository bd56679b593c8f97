using System.Net;
using DepHealth.Emulator.Upstream.Apis;
using DepHealth.Emulator.Upstream.Control;
using DepHealth.Emulator.Upstream.Faults;
using DepHealth.Emulator.Upstream.Hosting;
using DepHealth.Emulator.Upstream.Universe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DepHealth.Emulator.Upstream;

/// <summary>
/// A loopback Kestrel server that answers as deps.dev, the npm registry and download counts, GitHub, bundlephobia, PyPI
/// and pypistats, each under its own path prefix, from a seeded <see cref="UpstreamUniverse"/>.
/// <c>await using var up = await UpstreamEmulator.StartAsync(options);</c>
/// </summary>
public sealed class UpstreamEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly UpstreamEmulatorOptions _options;

    private UpstreamEmulator(WebApplication app, UpstreamEmulatorOptions options, UpstreamUniverse universe)
    {
        _app = app;
        _options = options;
        Universe = universe;
        Log = new RequestLog();
        Faults = new FaultInjector(options.Seed);
        Latency = new LatencyControl(options.Seed);
        GitHubRateLimit = new GitHubRateLimiter(options.Clock, options.GitHubRateLimit);
        ApplyStartSettings();
    }

    public UpstreamUniverse Universe { get; }

    public UpstreamBaseUrls BaseUrls { get; private set; } = new(new Uri("http://127.0.0.1/"));

    public RequestLog Log { get; }

    public FaultInjector Faults { get; }

    public LatencyControl Latency { get; }

    public GitHubRateLimiter GitHubRateLimit { get; }

    public static async Task<UpstreamEmulator> StartAsync(UpstreamEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new UpstreamEmulatorOptions();
        options.Validate();
        var universe = UpstreamUniverse.Create(options.Seed, options.Clock.GetUtcNow(), options.SyntheticPackagesPerEcosystem);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (!options.HandleConsoleSignals)
            builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        UpstreamEmulator? self = null;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = options.Protocols;
                listen.Use(next => async connection =>
                {
                    var delay = self!.Latency.NewConnectionDelay;
                    self.Log.Add(new ConnectionLogEntry(connection.ConnectionId, TimeProvider.System.GetUtcNow(), delay));
                    if (delay > TimeSpan.Zero)
                    {
                        try { await Task.Delay(delay, connection.ConnectionClosed); }
                        catch (OperationCanceledException) { return; }
                    }
                    await next(connection);
                });
            });
        });
        var app = builder.Build();
        self = new UpstreamEmulator(app, options, universe);

        var apis = new IUpstreamApi[]
        {
            new DepsDevApi(universe), new NpmRegistryApi(universe), new NpmDownloadsApi(universe), new GitHubApi(universe, self.GitHubRateLimit),
            new BundlephobiaApi(universe), new PyPIApi(universe), new PyPIStatsApi(universe),
        }.ToDictionary(a => a.Kind);
        var pipeline = new UpstreamPipeline(apis, () => self.BaseUrls, self.Latency, self.Faults, self.GitHubRateLimit, self.Log);
        foreach (var kind in UpstreamKinds.All)
            app.Map($"/{kind.Token()}/{{**rest}}", (Microsoft.AspNetCore.Http.HttpContext ctx) => pipeline.HandleAsync(ctx, kind));
        ControlEndpoints.Map(app, self);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self.BaseUrls = new UpstreamBaseUrls(new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)));
        return self;
    }

    /// <summary>Back to the start options: faults, latencies and rate limits as configured, empty log.</summary>
    public void Reset()
    {
        Faults.Clear();
        Log.Clear();
        GitHubRateLimit.Limit = _options.GitHubRateLimit;
        GitHubRateLimit.Reset();
        ApplyStartSettings();
    }

    /// <summary>Completes when the host stops (Ctrl-C / SIGTERM when <see cref="UpstreamEmulatorOptions.HandleConsoleSignals"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void ApplyStartSettings()
    {
        foreach (var kind in UpstreamKinds.All)
            Latency[kind] = _options.Latency.GetValueOrDefault(kind);
        Latency.NewConnectionDelay = _options.NewConnectionDelay;
        GitHubRateLimit.ExhaustedStatus = _options.GitHubRateLimitStatus;
        foreach (var rule in _options.Faults)
            Faults.Add(rule);
    }

    /// <summary>No console signal handling: an emulator inside a test process must not react to Ctrl-C.</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
