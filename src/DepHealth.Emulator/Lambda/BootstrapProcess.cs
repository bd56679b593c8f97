using System.Collections.Concurrent;
using System.Diagnostics;

namespace DepHealth.Emulator.Lambda;

/// <summary>
/// The function's bootstrap as a child process: a native executable, or <c>dotnet x.dll</c> for a JIT build.
/// Captures its output and reads its peak RSS.
/// </summary>
internal sealed class BootstrapProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BootstrapProcess(Process process, long startedAt)
    {
        _process = process;
        StartedAt = startedAt;
        Exited = _process.WaitForExitAsync().ContinueWith(_ => _process.ExitCode, TaskScheduler.Default);
    }

    /// <summary>Stopwatch timestamp taken immediately before the process was spawned.</summary>
    public long StartedAt { get; }
    public int Id => _process.Id;
    public Task<int> Exited { get; }
    public IReadOnlyCollection<string> Output => _output;

    public static BootstrapProcess Start(string bootstrapPath, IReadOnlyDictionary<string, string?> environment, TextWriter? echo)
    {
        var path = Path.GetFullPath(bootstrapPath);
        if (!File.Exists(path))
            throw new FileNotFoundException("bootstrap not found", path);
        var isDll = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var psi = new ProcessStartInfo(isDll ? "dotnet" : path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        if (isDll)
            psi.ArgumentList.Add(path);
        foreach (var (key, value) in environment)
            psi.Environment[key] = value;

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {path}");
        var bootstrap = new BootstrapProcess(process, startedAt);
        process.OutputDataReceived += (_, e) => bootstrap.Capture(e.Data, echo);
        process.ErrorDataReceived += (_, e) => bootstrap.Capture(e.Data, echo);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bootstrap;
    }

    private void Capture(string? line, TextWriter? echo)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        echo?.WriteLine(line);
    }

    /// <summary>Peak resident set size (VmHWM) in bytes while the process runs; null once it has exited or off Linux.</summary>
    public long? PeakRssBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim()) * 1024;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
        }
        _process.Dispose();
    }
}
