using System.Diagnostics;
using System.Text.RegularExpressions;
using DepHealth.Testing;

namespace DepHealth.Deploy.Tests;

/// <summary>The root Makefile: its build-&lt;LogicalId&gt; targets, the project each publishes, and a dry run through real make.</summary>
public static partial class MakefileTargets
{
    public static string Path => System.IO.Path.Combine(RepoPaths.Root, "Makefile");

    /// <summary>Target name → the src/ project named by its <c>$(call publish,Project)</c> line.</summary>
    public static IReadOnlyDictionary<string, string?> BuildTargets()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in File.ReadAllLines(Path))
        {
            var target = Target().Match(line);
            if (target.Success)
            {
                current = target.Groups[1].Value;
                result[current] = null;
                continue;
            }
            if (current is not null && line.StartsWith('\t') && Publish().Match(line) is { Success: true } publish)
                result[current] = publish.Groups[1].Value.Trim();
            else if (!line.StartsWith('\t') && line.Trim().Length > 0)
                current = null;
        }
        return result;
    }

    public sealed record Run(int ExitCode, string Output);

    /// <summary>Runs <c>make -n</c> (print, do not execute) for a target with the given variables.</summary>
    public static Run DryRun(string target, params (string Name, string Value)[] variables)
    {
        var psi = new ProcessStartInfo("make")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-n");
        psi.ArgumentList.Add("--no-print-directory");
        psi.ArgumentList.Add(target);
        psi.Environment.Remove("ARCHITECTURE");
        foreach (var (name, value) in variables)
            psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit(30_000);
        return new Run(p.ExitCode, stdout.Result + stderr.Result);
    }

    [GeneratedRegex(@"^(build-[A-Za-z0-9]+):")]
    private static partial Regex Target();

    [GeneratedRegex(@"\$\(call\s+publish,([^)]+)\)")]
    private static partial Regex Publish();
}
