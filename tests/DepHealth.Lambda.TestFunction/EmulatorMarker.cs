using System.Text;
using DepHealth.Core.Api;
using DepHealth.Lambda.Runtime;

namespace DepHealth.Lambda.TestFunction;

/// <summary>After-response work that journals its start and end in the emulator, with work in between.</summary>
internal sealed class EmulatorMarker : IAfterResponseWork
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = new Uri($"http://{Environment.GetEnvironmentVariable(RuntimeApiHeaders.RuntimeApiVariable)}/emulator/"),
    };

    public async ValueTask RunAfterResponseAsync(CancellationToken cancellationToken = default)
    {
        await MarkAsync("after-response-begin", cancellationToken);
        // Stands in for a usage flush: a real round trip of some duration. A runtime that fetched the next
        // event concurrently would have its 'next' journalled between begin and end.
        await Task.Delay(100, cancellationToken);
        await MarkAsync("after-response-end", cancellationToken);
    }

    private async Task MarkAsync(string text, CancellationToken ct)
    {
        using var response = await _http.PostAsync("mark", new StringContent(text, Encoding.UTF8), ct);
        response.EnsureSuccessStatusCode();
    }
}
