using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DepHealth.Server;

/// <summary>
/// A dynalite process (in-memory DynamoDB, npm package) on a free loopback port, for the default local run.
/// Runs <c>npm ci</c> first when node_modules is missing. Disposing kills it.
/// </summary>
public sealed class LocalDynamo : IAsyncDisposable
{
    private readonly Process _process;

    private LocalDynamo(Process process, int port)
    {
        _process = process;
        Endpoint = $"http://127.0.0.1:{port}";
    }

    public string Endpoint { get; }

    public static async Task<LocalDynamo> StartAsync(string repoRoot, TextWriter log, CancellationToken ct)
    {
        var cli = Path.Combine(repoRoot, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            log.WriteLine($"dynalite is not installed: running 'npm ci' in {repoRoot} (once; needs npm)...");
            var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            {
                WorkingDirectory = repoRoot,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("could not start npm");
            await npm.WaitForExitAsync(ct);
            if (npm.ExitCode != 0 || !File.Exists(cli))
                throw new InvalidOperationException($"'npm ci' failed (exit {npm.ExitCode}); install Node.js and npm, then run it in {repoRoot}");
        }

        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var process = Process.Start(new ProcessStartInfo("node",
                [cli, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("could not start node");
            process.OutputDataReceived += static (_, _) => { };
            process.ErrorDataReceived += static (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 15;
            while (Stopwatch.GetTimestamp() < deadline && !process.HasExited)
            {
                if (await CanConnectAsync(port, ct))
                    return new LocalDynamo(process, port);
                await Task.Delay(25, ct);
            }
            Kill(process);
            if (attempt >= 2)
                throw new InvalidOperationException("dynalite did not start listening within 15 s");
        }
    }

    /// <summary>The repository root: DEPHEALTH_ROOT, else the first folder above the working directory or the binary that holds package.json with dynalite.</summary>
    public static string? FindRepoRoot()
    {
        var configured = Environment.GetEnvironmentVariable("DEPHEALTH_ROOT");
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var package = Path.Combine(dir.FullName, "package.json");
                if (File.Exists(package) && File.ReadAllText(package).Contains("\"dynalite\"", StringComparison.Ordinal))
                    return dir.FullName;
            }
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> CanConnectAsync(int port, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void Kill(Process process)
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

    public ValueTask DisposeAsync()
    {
        Kill(_process);
        return ValueTask.CompletedTask;
    }
}
