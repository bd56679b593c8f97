using System.CommandLine;
using DepHealth.Core.Manifests;

namespace DepHealth.Cli.Commands;

/// <summary>
/// <c>dephealth deps [--json] PATH</c>: lists the dependencies a manifest or lockfile declares, without calling the API.
/// Exit 0 on success (even with no dependencies), 2 when the file is missing, unreadable, unrecognised or malformed.
/// </summary>
public static class DepsCommand
{
    public const int ExitOk = 0;
    public const int ExitError = 2;

    /// <summary>File names looked for when PATH is a directory, in this order (the original CLI's priority, then lockfiles).</summary>
    public static readonly IReadOnlyList<string> DirectoryCandidates =
        ["package.json", "pyproject.toml", "requirements.txt", "Pipfile", "package-lock.json", "yarn.lock", "pnpm-lock.yaml"];

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of a table" };
        var path = new Argument<string>("PATH")
        {
            Description = "A manifest or lockfile (package.json, package-lock.json, yarn.lock, pnpm-lock.yaml, requirements.txt, " +
                          "pyproject.toml, Pipfile), or a directory holding one",
        };
        var command = new Command("deps", "List the dependencies a manifest declares (no API call)") { json, path };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            return Run(parse.GetValue(path)!, parse.GetValue(json), output, error);
        });
        return command;
    }

    public static int Run(string path, bool json, TextWriter output, TextWriter error)
    {
        if (ResolveFile(path, out var file) is { } problem)
        {
            error.WriteLine($"dephealth: {problem}");
            return ExitError;
        }

        string content;
        try
        {
            content = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"dephealth: cannot read {file}: {e.Message}");
            return ExitError;
        }

        ManifestParseResult result;
        try
        {
            result = ManifestParser.Parse(Path.GetFileName(file), content);
        }
        catch (ManifestParseException e)
        {
            error.WriteLine($"dephealth: {file}: {e.Message}");
            return ExitError;
        }

        foreach (var warning in result.Warnings)
            error.WriteLine($"dephealth: warning: {warning}");
        if (json)
            DepsOutput.WriteJsonLines(result, output);
        else
            DepsOutput.WriteTable(result, output);
        return ExitOk;
    }

    /// <returns>Null when <paramref name="file"/> names a readable candidate, otherwise the message for stderr.</returns>
    private static string? ResolveFile(string path, out string file)
    {
        file = path;
        if (File.Exists(path))
            return null;
        if (!Directory.Exists(path))
            return $"no such file: {path}";
        foreach (var candidate in DirectoryCandidates)
        {
            file = Path.Combine(path, candidate);
            if (File.Exists(file))
                return null;
        }
        return $"no manifest in {path} (looked for {string.Join(", ", DirectoryCandidates)})";
    }
}
