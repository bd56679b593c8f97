using DepHealth.Bench;

// dotnet run -c Release --project bench/DepHealth.Bench -- <suite> [options]
// Each suite measures an optimisation and its naive baseline in the same run.
return args.FirstOrDefault() switch
{
    "api" => await ApiBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: DepHealth.Bench api [--latency-ms 5] [--get-iterations 20000] [--baseline-iterations 300] [--scan-iterations 40]");
    return 2;
}
