namespace DepHealth.Cli.Output;

/// <summary>A one-line progress bar on stderr, drawn only when stderr is a terminal and the scan takes several requests.</summary>
public sealed class ProgressBar(TextWriter error, bool enabled) : IProgress<(int Done, int Total)>, IDisposable
{
    private const int Width = 30;
    private bool _drawn;

    /// <summary>Draws for scans of more than one request when stderr is an interactive terminal.</summary>
    public static ProgressBar ForStderr(int minimumBatches) =>
        new(Console.Error, !Console.IsErrorRedirected && minimumBatches > 1);

    public void Report((int Done, int Total) value)
    {
        if (!enabled || value.Total <= 1) return;
        var filled = value.Total == 0 ? Width : value.Done * Width / value.Total;
        error.Write($"\rScanning [{new string('#', filled)}{new string('.', Width - filled)}] {value.Done}/{value.Total} requests");
        _drawn = true;
    }

    public void Dispose()
    {
        if (_drawn) error.Write("\r" + new string(' ', Width + 40) + "\r");
    }
}
