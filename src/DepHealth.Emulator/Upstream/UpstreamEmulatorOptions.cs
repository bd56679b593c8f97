using DepHealth.Emulator.Upstream.Faults;
using DepHealth.Emulator.Upstream.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DepHealth.Emulator.Upstream;

/// <summary>How to start an <see cref="UpstreamEmulator"/>; every value can also be changed at run time except port, seed, clock and universe.</summary>
public sealed class UpstreamEmulatorOptions
{
    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Seed of the universe and of the latency/fault draws: same seed and clock → byte-identical responses.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>The data clock: dates in responses are relative to its "now" at start; GitHub's rate-limit windows follow it.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Generated <c>synthetic-npm-NNNN</c> / <c>synthetic-py-NNNN</c> packages per ecosystem, besides the corpus and special ones.</summary>
    public int SyntheticPackagesPerEcosystem { get; set; } = 100;

    public Dictionary<UpstreamKind, LatencyProfile> Latency { get; } = [];

    /// <summary>Delay paid once by each new TCP connection before its first request is read.</summary>
    public TimeSpan NewConnectionDelay { get; set; }

    /// <summary>GitHub requests per caller per hour.</summary>
    public int GitHubRateLimit { get; set; } = 5000;

    /// <summary>403 (GitHub's primary-limit answer) or 429.</summary>
    public int GitHubRateLimitStatus { get; set; } = 403;

    public List<FaultRule> Faults { get; } = [];

    /// <summary>HTTP/1.1 by default; <see cref="HttpProtocols.Http2"/> serves cleartext HTTP/2 (prior knowledge) instead.</summary>
    public HttpProtocols Protocols { get; set; } = HttpProtocols.Http1;

    /// <summary>Stop on Ctrl-C / SIGTERM (the command line); tests leave it off.</summary>
    public bool HandleConsoleSignals { get; set; }

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(Port), "port must be 0..65535");
        if (SyntheticPackagesPerEcosystem is < 0 or > 100_000)
            throw new ArgumentOutOfRangeException(nameof(SyntheticPackagesPerEcosystem), "synthetic packages must be 0..100000");
        if (NewConnectionDelay < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(NewConnectionDelay), "delay must not be negative");
        if (GitHubRateLimit < 0)
            throw new ArgumentOutOfRangeException(nameof(GitHubRateLimit), "rate limit must not be negative");
        if (GitHubRateLimitStatus is not (403 or 429))
            throw new ArgumentOutOfRangeException(nameof(GitHubRateLimitStatus), "rate-limit status must be 403 or 429");
        foreach (var (_, p) in Latency)
        {
            if (p.Fixed < TimeSpan.Zero || p.Jitter < TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(Latency), "latency must not be negative");
        }
        foreach (var f in Faults)
            f.Validate();
    }
}
