using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using DepHealth.Testing;

namespace DepHealth.Load;

/// <summary>
/// The real server as a child process on a free loopback port over its own dynalite: tables, the sample packages and
/// business-tier keys are set up with the server's own subcommands, then <c>serve --offline</c> (unknown packages are
/// collected from the local upstream emulator, never from the internet) runs until disposed.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly DynaliteProcess _dynalite;
    private readonly Process _server;

    private ServerProcess(DynaliteProcess dynalite, Process server, Uri address, IReadOnlyList<string> keys)
    {
        _dynalite = dynalite;
        _server = server;
        Address = address;
        Keys = keys;
    }

    public Uri Address { get; }
    public IReadOnlyList<string> Keys { get; }
    public int Pid => _server.Id;

    /// <summary>Resident set size of the server process in MiB (Linux /proc), or null where unavailable.</summary>
    public double? RssMiB()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_server.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    public static async Task<ServerProcess> StartAsync(string? serverPath, int keyCount, CancellationToken ct)
    {
        serverPath ??= Path.Combine(RepoPaths.Root, typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ServerAssembly").Value!);
        if (!File.Exists(serverPath))
            throw new FileNotFoundException($"server not built: {serverPath}");

        var dynalite = await DynaliteProcess.StartAsync(ct);
        try
        {
            await RunToEndAsync(serverPath, dynalite.Endpoint, ["create-tables"], ct);
            await RunToEndAsync(serverPath, dynalite.Endpoint, ["import", Path.Combine(RepoPaths.Root, "data", "sample-packages.jsonl")], ct);
            var keys = new List<string>();
            for (var i = 0; i < keyCount; i++)
            {
                var output = await RunToEndAsync(serverPath, dynalite.Endpoint, ["create-key", "--tier", "business", "--user", $"load-{i}"], ct);
                keys.Add(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last());
            }

            var port = FreePort.Next();
            var server = Process.Start(StartInfo(serverPath, dynalite.Endpoint, ["serve", "--offline", "--urls", $"http://127.0.0.1:{port}"]))!;
            server.OutputDataReceived += (_, _) => { };
            server.ErrorDataReceived += (_, _) => { };
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();
            var address = new Uri($"http://127.0.0.1:{port}");
            await WaitHealthyAsync(address, server, ct);
            return new ServerProcess(dynalite, server, address, keys);
        }
        catch
        {
            await dynalite.DisposeAsync();
            throw;
        }
    }

    private static ProcessStartInfo StartInfo(string serverPath, string endpoint, string[] args)
    {
        var dll = serverPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var psi = new ProcessStartInfo(dll ? "dotnet" : serverPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        if (dll)
            psi.ArgumentList.Add(serverPath);
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        psi.Environment["DYNAMODB_ENDPOINT"] = endpoint;
        psi.Environment["DEPHEALTH_ROOT"] = RepoPaths.Root;
        return psi;
    }

    private static async Task<string> RunToEndAsync(string serverPath, string endpoint, string[] args, CancellationToken ct)
    {
        using var process = Process.Start(StartInfo(serverPath, endpoint, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"server {args[0]} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }

    private static async Task WaitHealthyAsync(Uri address, Process server, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (server.HasExited)
                throw new InvalidOperationException($"server exited with {server.ExitCode} before answering");
            try
            {
                using var response = await http.GetAsync("/v1/health", ct);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException("server did not answer /v1/health within 60 s");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_server.HasExited)
            {
                _server.Kill(entireProcessTree: true);
                await _server.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }
        _server.Dispose();
        await _dynalite.DisposeAsync();
    }
}
