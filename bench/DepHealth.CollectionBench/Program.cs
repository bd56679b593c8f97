// dotnet run -c Release --project bench/DepHealth.CollectionBench -- [--packages N]
// Collects N npm packages one after another in three configurations against the upstream emulator
// (deps.dev 100 ms, npm 60 ms, GitHub 120 ms, bundlephobia 400 ms, 100 ms per new connection) and
// prints per-package p50/p95/p99, the critical path the recorded call graph implies, and the ratios.
using System.Globalization;
using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream;
using DepHealth.Emulator.Upstream.Hosting;

var packages = 20;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--packages")
        packages = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
}

var options = new UpstreamEmulatorOptions { NewConnectionDelay = TimeSpan.FromMilliseconds(100), SyntheticPackagesPerEcosystem = Math.Max(100, packages + 5) };
options.Latency[UpstreamKind.DepsDev] = LatencyProfile.Milliseconds(100);
options.Latency[UpstreamKind.Npm] = LatencyProfile.Milliseconds(60);
options.Latency[UpstreamKind.NpmDownloads] = LatencyProfile.Milliseconds(60);
options.Latency[UpstreamKind.GitHub] = LatencyProfile.Milliseconds(120);
options.Latency[UpstreamKind.Bundlephobia] = LatencyProfile.Milliseconds(400);
await using var emulator = await UpstreamEmulator.StartAsync(options);

var urls = new UpstreamOptions();
foreach (var (variable, value) in emulator.BaseUrls.EnvironmentVariables)
    urls.SetBaseUrl(Upstreams.All.Single(u => u.EnvironmentVariable() == variable), UpstreamOptions.ParseBaseUrl(value));

var names = emulator.Universe.Names(Ecosystem.Npm).Where(n => n.StartsWith("synthetic-npm-", StringComparison.Ordinal)).Take(packages + 3).ToList();
var warmup = names.Take(3).ToList();
var measured = names.Skip(3).ToList();

var configurations = new (string Name, CollectionSettings Settings)[]
{
    ("parallel graph, pooled HTTP/2-capable client", new CollectionSettings()),
    ("sequential, pooled", new CollectionSettings { Mode = CollectionMode.Sequential }),
    ("sequential, new connection per call (the original)", new CollectionSettings { Mode = CollectionMode.Sequential, NewConnectionPerCall = true }),
};

Console.WriteLine($"Collection of {measured.Count} npm packages, one at a time, 12 upstream calls each; emulator latencies deps.dev 100 ms, npm 60 ms, GitHub 120 ms, bundlephobia 400 ms, new connection 100 ms.");
Console.WriteLine();
Console.WriteLine("| configuration | p50 ms | p95 ms | p99 ms | critical path p50 ms | sum of calls p50 ms | connections | incomplete |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
var p50s = new List<double>();
foreach (var (name, settings) in configurations)
{
    using var client = new UpstreamClient(urls, settings, TimeProvider.System);
    var collector = PackageCollector.WithScoring(client);
    foreach (var w in warmup)
        await collector.CollectAsync(new CollectionRequest(Ecosystem.Npm, w), null);
    emulator.Log.Clear();

    var elapsed = new List<double>();
    var critical = new List<double>();
    var sums = new List<double>();
    var incomplete = 0;
    foreach (var package in measured)
    {
        var result = await collector.CollectAsync(new CollectionRequest(Ecosystem.Npm, package), null);
        elapsed.Add(result.ElapsedMs);
        critical.Add(result.CriticalPathMs);
        sums.Add(result.Calls.Sum(c => c.DurationMs));
        if (result.Record.DataStatus != "complete")
            incomplete++;
    }
    p50s.Add(Percentile(elapsed, 50));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Percentile(elapsed, 50):F0} | {Percentile(elapsed, 95):F0} | {Percentile(elapsed, 99):F0} | {Percentile(critical, 50):F0} | {Percentile(sums, 50):F0} | {emulator.Log.Connections.Count} | {incomplete} |"));
}
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"p50 ratio: sequential pooled / parallel = {p50s[1] / p50s[0]:F2}x; original (sequential, new connection per call) / parallel = {p50s[2] / p50s[0]:F2}x"));
return 0;

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    if (sorted.Count == 0)
        return 0;
    var rank = p / 100.0 * (sorted.Count - 1);
    var lo = (int)Math.Floor(rank);
    var hi = (int)Math.Ceiling(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}
