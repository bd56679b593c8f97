using System.Diagnostics;
using System.Net.Sockets;

namespace DepHealth.Testing;

/// <summary>
/// A dynalite (in-memory DynamoDB) process on a free loopback port, started by the test run itself.
/// Needs <c>npm ci</c> to have installed node_modules at the repository root.
/// </summary>
public sealed class DynaliteProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;

    public int Port { get; }
    public string Endpoint => $"http://127.0.0.1:{Port}";

    private DynaliteProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public static async Task<DynaliteProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        var cli = Path.Combine(RepoPaths.Root, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
            throw new InvalidOperationException($"dynalite is not installed: run 'npm ci' in {RepoPaths.Root}");

        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            var psi = new ProcessStartInfo("node")
            {
                ArgumentList = { cli, "--host", "127.0.0.1", "--port", port.ToString(),
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                if (await CanConnectAsync(port, cancellationToken))
                    return new DynaliteProcess(process, port);
                await Task.Delay(25, cancellationToken);
            }

            Kill(process);
            if (attempt >= 2)
                throw new InvalidOperationException("dynalite did not start listening within 15 s");
        }
    }

    private static async Task<bool> CanConnectAsync(int port, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, ct);
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
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }

    public void Dispose() => Kill(_process);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
