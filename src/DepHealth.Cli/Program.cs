using System.CommandLine;

// Each command lives in Commands/ and only adds itself here.
var root = new RootCommand("dephealth: health scores, risk levels and abandonment risk for npm and PyPI dependencies.");
root.Subcommands.Add(DepHealth.Cli.Commands.ScoreCommand.Create());
root.Subcommands.Add(DepHealth.Cli.Commands.DepsCommand.Create());
root.Subcommands.Add(DepHealth.Cli.Commands.CheckCommand.Create());
root.Subcommands.Add(DepHealth.Cli.Commands.ScanCommand.Create());
root.Subcommands.Add(DepHealth.Cli.Commands.UsageCommand.Create());
root.Subcommands.Add(DepHealth.Cli.Commands.ConfigCommand.Create());

var parse = root.Parse(args);
return parse.Errors.Count > 0 ? DepHealth.Cli.Commands.ParseErrors.Report(parse, Console.Error) : await parse.InvokeAsync();
