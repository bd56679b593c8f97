using System.Diagnostics;
using System.Globalization;
using DepHealth.Bench.Harness;
using DepHealth.Bench.Suites;
using DepHealth.Testing;

// dotnet run -c Release --project bench/DepHealth.Bench -- [--suite api|kestrel|lambda|cold|scan|collect|throughput|memory|all]
//     [--quick] [--out DIR] [--chart FILE]
// Every scenario measures an optimisation and its naive baseline in the same run and prints p50/p95/p99, the ratio,
// the issue's target and PASS/MISS. Exit code 0 when the harness ran (missed targets included), 1 on a harness error.
var suites = new Dictionary<string, Func<BenchContext, Task<IReadOnlyList<ScenarioResult>>>>(StringComparer.Ordinal)
{
    ["api"] = ApiSuite.RunAsync,
    ["kestrel"] = KestrelSuite.RunAsync,
    ["lambda"] = LambdaSuite.RunAsync,
    ["cold"] = ColdSuite.RunAsync,
    ["scan"] = ScanSuite.RunAsync,
    ["collect"] = CollectSuite.RunAsync,
    ["throughput"] = ThroughputSuite.RunAsync,
    ["memory"] = MemorySuite.RunAsync,
};

var selected = new List<string>();
var quick = false;
string? outDir = null, chart = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--suite" when i + 1 < args.Length:
            selected.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            break;
        case "--quick":
            quick = true;
            break;
        case "--out" when i + 1 < args.Length:
            outDir = args[++i];
            break;
        case "--chart" when i + 1 < args.Length:
            chart = args[++i];
            break;
        case var name when suites.ContainsKey(name) || name == "all":
            selected.Add(name); // positional form: `bench api`
            break;
        default:
            return Usage($"unknown argument '{args[i]}'");
    }
}
if (selected.Count == 0 || selected.Contains("all"))
    selected = [.. suites.Keys];
if (selected.FirstOrDefault(s => !suites.ContainsKey(s)) is { } unknown)
    return Usage($"unknown suite '{unknown}'");

outDir ??= Path.Combine(RepoPaths.Root, "artifacts", "bench");
Directory.CreateDirectory(outDir);
var context = new BenchContext(quick, Console.Error);
var machine = MachineInfo.Describe();
Console.WriteLine($"DepHealth bench{(quick ? " --quick (few samples: checks the harness, figures are not meaningful)" : "")}: {string.Join(", ", selected)}");
Console.WriteLine(machine);

var results = new List<ScenarioResult>();
var started = Stopwatch.GetTimestamp();
try
{
    foreach (var name in selected)
    {
        context.Log.WriteLine($"[{Stopwatch.GetElapsedTime(started).TotalSeconds:0}s] suite {name} ...");
        var suiteResults = await suites[name](context);
        results.AddRange(suiteResults);
        var sb = new System.Text.StringBuilder();
        foreach (var r in suiteResults)
            MarkdownReport.AppendScenario(sb, r);
        Console.Write(sb.ToString());
    }
}
catch (Exception e)
{
    Console.Error.WriteLine($"bench: harness error: {e}");
    return 1;
}

var header = $"Run of {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC{(quick ? " (--quick)" : "")}. {machine}";
var report = MarkdownReport.Write(results, header);
File.WriteAllText(Path.Combine(outDir, "report.md"), report);
var svg = LatencyChart.Render(results, $"DepHealth latency distributions ({DateTime.UtcNow:yyyy-MM-dd}{(quick ? ", quick" : "")})");
File.WriteAllText(chart ?? Path.Combine(outDir, "latency.svg"), svg);
var targets = results.SelectMany(r => r.Targets).ToList();
Console.WriteLine($"bench: {targets.Count(t => t.Pass)} targets PASS, {targets.Count(t => !t.Pass)} MISS in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s; " +
                  $"report {Path.GetRelativePath(RepoPaths.Root, Path.Combine(outDir, "report.md"))}, chart {Path.GetRelativePath(RepoPaths.Root, chart ?? Path.Combine(outDir, "latency.svg"))}");
return 0;

static int Usage(string problem)
{
    Console.Error.WriteLine($"bench: {problem}");
    Console.Error.WriteLine("usage: DepHealth.Bench [--suite api|kestrel|lambda|cold|scan|collect|throughput|memory|all[,...]] [--quick] [--out DIR] [--chart FILE]");
    return 2;
}
