using System.Text.Json;
using DepHealth.Emulator.Lambda;

namespace DepHealth.Bench.ColdStart;

/// <summary>Starts a bootstrap under the emulator, sends one event, records the timings, stops it: one cold start.</summary>
public sealed class ColdStartRunner(IReadOnlyDictionary<string, string?> environment, string eventJson)
{
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(30);

    public async Task<ColdStartSample> RunOnceAsync(string variant, string bootstrapPath)
    {
        await using var emu = await LambdaEmulator.StartAsync(bootstrapPath, environment);
        var result = await emu.InvokeAsync(eventJson, InvocationTimeout);
        if (!result.IsSuccess)
            throw new InvalidOperationException($"{variant}: invocation ended {result.Status}: {result.PayloadText}\n{string.Join('\n', emu.Output)}");
        var rss = emu.PeakRssBytes() ?? 0;
        using var response = JsonDocument.Parse(result.Payload);
        return new ColdStartSample(variant,
            emu.InitDuration?.TotalMilliseconds ?? double.NaN,
            result.SinceProcessStart.TotalMilliseconds,
            rss / 1024.0 / 1024.0,
            response.RootElement.GetProperty("statusCode").GetInt32());
    }
}
