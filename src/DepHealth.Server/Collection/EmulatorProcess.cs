using System.Diagnostics;

namespace DepHealth.Server.Collection;

/// <summary>
/// Runs the upstream emulator (src/DepHealth.Emulator, <c>upstream</c> half) as a child process on a free loopback
/// port and reads its base URLs from the <c>export DEPHEALTH_*_URL=…</c> lines it prints. Uses the built assembly
/// when there is one (scripts/run builds it), else <c>dotnet run</c>. Disposing stops it.
/// </summary>
public static class EmulatorProcess
{
    private const string ProjectDir = "src/DepHealth.Emulator";
    private const int ExpectedVariables = 7;

#if DEBUG
    private static readonly string[] Configurations = ["Debug", "Release"];
#else
    private static readonly string[] Configurations = ["Release", "Debug"];
#endif

    /// <summary>The built emulator assembly under <paramref name="repoRoot"/>, preferring this server's configuration.</summary>
    public static string? FindAssembly(string repoRoot) =>
        Configurations
            .Select(c => Path.Combine(repoRoot, ProjectDir, "bin", c, "net10.0", "DepHealth.Emulator.dll"))
            .FirstOrDefault(File.Exists);

    public static async Task<EmulatedUpstreams> StartAsync(string repoRoot, TextWriter log, CancellationToken ct, TimeSpan? startTimeout = null)
    {
        var assembly = FindAssembly(repoRoot);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repoRoot,
        };
        if (assembly is not null)
        {
            start.ArgumentList.Add(assembly);
        }
        else
        {
            log.WriteLine("Building the upstream emulator (first run only)...");
            foreach (var arg in new[] { "run", "--project", Path.Combine(repoRoot, ProjectDir), "-c", Configurations[0], "-v", "q", "--" })
                start.ArgumentList.Add(arg);
        }
        foreach (var arg in new[] { "upstream", "--port", "0" })
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet for the upstream emulator");
        var variables = new List<KeyValuePair<string, string>>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line || !line.StartsWith("export DEPHEALTH_", StringComparison.Ordinal))
                return;
            var eq = line.IndexOf('=');
            lock (variables)
            {
                variables.Add(new(line["export ".Length..eq], line[(eq + 1)..].Trim()));
                if (variables.Count == ExpectedVariables)
                    ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
                lock (errors) errors.Add(line);
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"the upstream emulator exited (code {process.ExitCode}) before it was ready: {string.Join(" | ", errors.TakeLast(3))}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            // dotnet run may have to build first: generous.
            await ready.Task.WaitAsync(startTimeout ?? TimeSpan.FromMinutes(5), ct);
        }
        catch
        {
            Stop(process);
            throw;
        }
        return new EmulatedUpstreams(variables, () =>
        {
            Stop(process);
            return ValueTask.CompletedTask;
        });
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }
}
