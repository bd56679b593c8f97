using System.Globalization;
using System.Text.Json;
using DepHealth.Emulator.Lambda;

namespace DepHealth.Bench.ColdStart;

/// <summary>One running bootstrap under the emulator, sent the same GET event again and again (warm invocations).</summary>
public sealed class WarmInvocations : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly LambdaEmulator _emulator;
    private readonly string _event;
    private int _invocations;

    private WarmInvocations(LambdaEmulator emulator, string eventJson)
    {
        _emulator = emulator;
        _event = eventJson;
    }

    public static async Task<WarmInvocations> StartAsync(string bootstrap, IReadOnlyDictionary<string, string?> environment, string eventJson) =>
        new(await LambdaEmulator.StartAsync(bootstrap, environment), eventJson);

    /// <summary>
    /// One invocation of an idle warm instance: waits (untimed) until the runtime asks for the next event, so the previous
    /// invocation's usage flush is done, then times enqueue → the runtime's response (ms). Throws unless the answer is 200.
    /// </summary>
    public async Task<double> InvokeAsync()
    {
        if (!await _emulator.WaitForNextCallsAsync(_invocations + 1, Timeout))
            throw new InvalidOperationException($"the runtime did not ask for invocation {_invocations + 1}\n{string.Join('\n', _emulator.Output)}");
        _invocations++;
        var result = await _emulator.InvokeAsync(_event, Timeout);
        if (!result.IsSuccess)
            throw new InvalidOperationException($"invocation ended {result.Status}: {result.PayloadText}\n{string.Join('\n', _emulator.Output)}");
        using var response = JsonDocument.Parse(result.Payload);
        var status = response.RootElement.GetProperty("statusCode").GetInt32();
        if (status != 200)
            throw new InvalidOperationException($"GET answered {status}: {result.PayloadText}");
        return result.Duration.TotalMilliseconds;
    }

    /// <summary>Resident set size now (VmRSS) and at its peak (VmHWM), MB, from /proc.</summary>
    public (double RssMb, double PeakMb) Memory()
    {
        double rss = double.NaN, peak = double.NaN;
        foreach (var line in File.ReadLines($"/proc/{_emulator.ProcessId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = Kb(line) / 1024.0;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                peak = Kb(line) / 1024.0;
        }
        return (rss, peak);
    }

    private static long Kb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => _emulator.DisposeAsync();
}
