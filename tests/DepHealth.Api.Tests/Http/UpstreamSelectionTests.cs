using DepHealth.Core.Collection.Configuration;
using DepHealth.Emulator.Upstream;
using DepHealth.Server.Collection;
using DepHealth.Testing;

namespace DepHealth.Api.Tests.Http;

/// <summary>Live upstreams when deps.dev answers; the emulator, said clearly, when it cannot be reached or with --offline.</summary>
public sealed class UpstreamSelectionTests : IAsyncLifetime
{
    private UpstreamEmulator _emulator = null!;
    private int _started;

    public async Task InitializeAsync() => _emulator = await UpstreamEmulator.StartAsync(new UpstreamEmulatorOptions { SyntheticPackagesPerEcosystem = 1 });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private Task<EmulatedUpstreams> StartEmulator(CancellationToken _)
    {
        Interlocked.Increment(ref _started);
        return Task.FromResult(new EmulatedUpstreams(_emulator.BaseUrls.EnvironmentVariables, () => ValueTask.CompletedTask));
    }

    private static UpstreamConfigurationResult Configured(Uri depsDev) =>
        new(new UpstreamOptions { DepsDev = depsDev, GitHub = depsDev, Bundlephobia = depsDev }, ["npm registry: no base URL configured (set DEPHEALTH_NPM_REGISTRY_URL); this source will be reported missing."]);

    [Fact]
    public async Task Unreachable_hosts_fall_back_to_the_emulator_and_say_so()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/"); // nothing listens there
        var output = new StringWriter();

        var choice = await UpstreamSelection.ChooseAsync(false, Configured(closed), StartEmulator, output, default);

        Assert.True(choice.Emulated);
        Assert.Equal(1, _started);
        Assert.Equal(new Uri(_emulator.BaseUrls.DepsDev + "/"), choice.Options.DepsDev);
        Assert.Equal(new Uri(_emulator.BaseUrls.Npm + "/"), choice.Options.NpmRegistry);
        var text = output.ToString();
        Assert.Contains("the upstream hosts cannot be reached (deps.dev: connection refused or unreachable)", text);
        Assert.Contains("falling back to the local upstream emulator", text);
        Assert.Contains("--offline", text);
    }

    [Fact]
    public async Task Reachable_hosts_are_used_and_missing_sources_are_warned_about()
    {
        var output = new StringWriter();
        var reachable = new Uri(_emulator.BaseUrls.DepsDev + "/");

        var choice = await UpstreamSelection.ChooseAsync(false, Configured(reachable), StartEmulator, output, default);

        Assert.False(choice.Emulated);
        Assert.Equal(0, _started);
        Assert.Equal(reachable, choice.Options.DepsDev);
        Assert.Contains("collected on demand from the configured upstreams (deps.dev, GitHub, bundlephobia)", output.ToString());
        Assert.Contains("npm registry: no base URL configured", output.ToString());
    }

    [Fact]
    public async Task Offline_uses_the_emulator_without_probing()
    {
        var output = new StringWriter();
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/");

        var choice = await UpstreamSelection.ChooseAsync(true, Configured(closed), StartEmulator, output, default);

        Assert.True(choice.Emulated);
        Assert.DoesNotContain("cannot be reached", output.ToString());
        Assert.Contains("offline (--offline)", output.ToString());
    }

    [Fact]
    public async Task The_emulator_child_process_reports_its_urls_serves_and_stops_when_disposed()
    {
        Assert.NotNull(EmulatorProcess.FindAssembly(RepoPaths.Root)); // built with this test project
        var upstreams = await EmulatorProcess.StartAsync(RepoPaths.Root, TextWriter.Null, default, TimeSpan.FromMinutes(2));
        var options = upstreams.ToOptions();
        using var http = new HttpClient();
        try
        {
            Assert.Equal(7, upstreams.Variables.Count);
            using var r = await http.GetAsync(new Uri(options.DepsDev!, "v3alpha/systems/npm/packages/chalk"));
            Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode);
        }
        finally
        {
            await upstreams.DisposeAsync();
        }
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(options.DepsDev!, "v3alpha/systems/npm/packages/chalk")));
    }
}
