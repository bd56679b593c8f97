using System.CommandLine;
using DepHealth.Load;

// dotnet run --project bench/DepHealth.Load -c Release [-- --duration 60 --concurrency 16 --seed 1 --server PATH]
var duration = new Option<int>("--duration") { Description = "Seconds of load", DefaultValueFactory = _ => 60 };
var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once", DefaultValueFactory = _ => 16 };
var seed = new Option<int>("--seed") { Description = "Seed of the request mix", DefaultValueFactory = _ => 1 };
var server = new Option<string?>("--server") { Description = "Server to run: dephealth-server.dll or a native (AOT) binary; default: the one built with this tool" };

var root = new RootCommand("Bounded load test of the local DepHealth server on loopback: mixed GET hits/misses, scans and bad requests; " +
                           "reports req/s, p50/p99 per 10 s window and the server's RSS. Exit code 1 if any answer was unexpected.");
root.Options.Add(duration);
root.Options.Add(concurrency);
root.Options.Add(seed);
root.Options.Add(server);
root.SetAction(async (r, ct) =>
{
    var options = new LoadOptions
    {
        Duration = TimeSpan.FromSeconds(r.GetValue(duration)),
        Concurrency = r.GetValue(concurrency),
        Seed = r.GetValue(seed),
        ServerPath = r.GetValue(server),
    };
    var result = await LoadRunner.RunAsync(options, Console.Out, ct);
    Console.WriteLine(result.Report());
    return result.Unexpected == 0 ? 0 : 1;
});
return await root.Parse(args).InvokeAsync();
