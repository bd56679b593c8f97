// dotnet run --project src/DepHealth.Emulator -- <upstream|lambda> [options]
// Each half registers its entry point in this switch.
return args.FirstOrDefault() switch
{
    "lambda" => await DepHealth.Emulator.Lambda.LambdaCommand.RunAsync(args[1..]),
    "upstream" => await DepHealth.Emulator.Upstream.UpstreamCommand.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: DepHealth.Emulator <upstream|lambda> [options]");
    return 2;
}
