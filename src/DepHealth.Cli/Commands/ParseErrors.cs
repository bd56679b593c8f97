using System.CommandLine;

namespace DepHealth.Cli.Commands;

/// <summary>
/// Parse errors System.CommandLine reports itself (a missing required argument, an unknown command) exit 1 by
/// default, which scripts read as "threshold exceeded"; every usage error of dephealth exits 2 instead.
/// </summary>
public static class ParseErrors
{
    /// <summary>Prints the errors and the help hint to <paramref name="error"/>; returns <see cref="ExitCodes.Error"/>.</summary>
    public static int Report(ParseResult parse, TextWriter error)
    {
        var command = parse.CommandResult.Command;
        var name = command is RootCommand ? "dephealth" : $"dephealth {command.Name}";
        foreach (var e in parse.Errors)
            error.WriteLine($"{name}: {e.Message}");
        error.WriteLine($"Run '{name} --help' for usage.");
        return ExitCodes.Error;
    }
}
