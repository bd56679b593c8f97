using System.Diagnostics;

namespace DepHealth.Load;

/// <summary>One answered request: when it started (since the run began), how long it took, what it was, and whether its status was the expected one.</summary>
public readonly record struct RequestSample(long StartTicks, long LatencyTicks, RequestKind Kind, int Status, bool Unexpected);

/// <summary>One RSS reading of the server.</summary>
public readonly record struct RssSample(TimeSpan At, double MiB);

/// <summary>
/// Runs the bounded load: after a one-request-per-kind warm-up, <see cref="LoadOptions.Concurrency"/> closed-loop workers
/// for <see cref="LoadOptions.Duration"/>, each with its own seeded random source, while the server's RSS is read once a second.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(LoadOptions options, TextWriter? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        await using var server = await ServerProcess.StartAsync(options.ServerPath, keyCount: 4, ct);
        progress?.WriteLine($"server pid {server.Pid} at {server.Address}; {options.Concurrency} workers for {options.Duration.TotalSeconds:F0} s");
        var mix = new RequestMix();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseCookies = false })
        {
            BaseAddress = server.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };

        // Warm-up, outside the measurement: one request of each kind, so the run measures a warm server, not its JIT.
        var warmRandom = new Random(options.Seed);
        foreach (var kind in Enum.GetValues<RequestKind>())
        {
            using var request = mix.Build(kind, warmRandom, server.Keys[0]);
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }

        var rss = new List<RssSample>();
        var clock = Stopwatch.StartNew();
        var end = options.Duration;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            do
            {
                if (server.RssMiB() is { } mib)
                    lock (rss) rss.Add(new RssSample(clock.Elapsed, mib));
            }
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false) && clock.Elapsed <= end);
        }, stop.Token);

        var workers = Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(options.Seed * 1000 + w);
            var key = server.Keys[w % server.Keys.Count];
            var samples = new List<RequestSample>(4096);
            while (clock.Elapsed < end && !ct.IsCancellationRequested)
            {
                var kind = mix.Pick(random);
                using var request = mix.Build(kind, random, key);
                var start = clock.ElapsedTicks;
                int status;
                try
                {
                    using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = 0; // a transport failure is an unexpected error, not a crash of the run
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    status = 0;
                }
                var latency = clock.ElapsedTicks - start;
                samples.Add(new RequestSample(start, latency, kind, status, status != RequestMix.ExpectedStatus(kind)));
            }
            return samples;
        }, ct)).ToArray();

        var all = (await Task.WhenAll(workers)).SelectMany(s => s).ToArray();
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        try
        {
            await sampler;
        }
        catch (OperationCanceledException)
        {
        }
        return new LoadResult(options, elapsed, all, rss.ToArray());
    }
}
