using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DepHealth.Testing;

/// <summary>
/// Publishes a project with <c>dotnet publish -c Release -r RID</c> (Native AOT when the project sets PublishAot,
/// or a JIT build with <c>aot: false</c>) and reports the warnings the build printed.
/// </summary>
public static partial class AotPublisher
{
    /// <summary>The outcome of one publish: exit code, full output, warning/error counts from the build summary.</summary>
    public sealed record Result(int ExitCode, string Output, int Warnings, int Errors, string OutputDirectory)
    {
        public string File(string name) => Path.Combine(OutputDirectory, name);
    }

    public static async Task<Result> PublishAsync(string projectPath, string outputDirectory, bool aot = true,
        string rid = "linux-x64", CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in new[] { "publish", projectPath, "-c", "Release", "-o", outputDirectory, "--nologo", "-tl:off", "-v:m", "-clp:Summary" })
            psi.ArgumentList.Add(arg);
        if (aot)
        {
            psi.ArgumentList.Add("-r");
            psi.ArgumentList.Add(rid);
        }
        else
        {
            // A framework-dependent JIT build of the same code: `dotnet bootstrap.dll`.
            psi.ArgumentList.Add("-p:PublishAot=false");
        }
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet publish");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout + await stderr;
        return new Result(process.ExitCode, output, Count(WarningsLine(), output), Count(ErrorsLine(), output), outputDirectory);
    }

    // The summary MSBuild prints: "    3 Warning(s)" / "    0 Error(s)". No summary means the count is unknown: -1.
    private static int Count(Regex pattern, string output)
    {
        var match = pattern.Match(output);
        return match.Success ? int.Parse(match.Groups[1].Value) : -1;
    }

    [GeneratedRegex(@"^\s*(\d+) Warning\(s\)", RegexOptions.Multiline)]
    private static partial Regex WarningsLine();

    [GeneratedRegex(@"^\s*(\d+) Error\(s\)", RegexOptions.Multiline)]
    private static partial Regex ErrorsLine();
}
