using DepHealth.Core.Collection.Configuration;

namespace DepHealth.Server.Collection;

/// <summary>Where the server collects from: the configured upstreams, or the emulator (then <see cref="Emulator"/> must be disposed).</summary>
public sealed record UpstreamChoice(UpstreamOptions Options, EmulatedUpstreams? Emulator)
{
    public bool Emulated => Emulator is not null;
}

/// <summary>
/// Chooses the upstreams of on-demand collection. <c>--offline</c>: the emulator, no probe. Otherwise the configured
/// upstreams (real hosts), probed quickly at start; when deps.dev, which decides whether a package exists, cannot be
/// reached, it says so and falls back to the emulator rather than failing or storing empty records.
/// </summary>
public static class UpstreamSelection
{
    public static async Task<UpstreamChoice> ChooseAsync(
        bool offline,
        UpstreamConfigurationResult configured,
        Func<CancellationToken, Task<EmulatedUpstreams>> startEmulator,
        TextWriter output,
        CancellationToken ct,
        TimeSpan? probeTimeout = null)
    {
        if (offline)
        {
            var emulator = await startEmulator(ct);
            output.WriteLine("Collection: offline (--offline): unknown packages are collected from the local upstream emulator " +
                             "(generated data, not live).");
            return new UpstreamChoice(emulator.ToOptions(), emulator);
        }

        var probes = await UpstreamProbe.ProbeAsync(configured.Options, probeTimeout ?? UpstreamProbe.DefaultTimeout, ct);
        var depsDev = probes.FirstOrDefault(p => p.Upstream == Upstream.DepsDev);
        if (depsDev is null || !depsDev.Reachable)
        {
            var why = depsDev is null ? "no deps.dev URL is configured" : $"deps.dev: {depsDev.Detail}";
            output.WriteLine($"Collection: the upstream hosts cannot be reached ({why}).");
            output.WriteLine("Collection: falling back to the local upstream emulator: unknown packages get generated data, not live data. " +
                             "Use --offline to skip this check.");
            var emulator = await startEmulator(ct);
            return new UpstreamChoice(emulator.ToOptions(), emulator);
        }

        output.WriteLine("Collection: unknown packages are collected on demand from the configured upstreams " +
                         $"({string.Join(", ", probes.Where(p => p.Reachable).Select(p => p.Upstream.DisplayName()))}).");
        foreach (var probe in probes.Where(p => !p.Reachable))
            output.WriteLine($"Collection: {probe.Upstream.DisplayName()} cannot be reached ({probe.Detail}); it will be reported missing.");
        foreach (var warning in configured.Warnings)
            output.WriteLine($"Collection: {warning}");
        return new UpstreamChoice(configured.Options, null);
    }
}
