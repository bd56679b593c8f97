using System.Net.Http.Headers;
using System.Text.Json;
using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream;
using DepHealth.Emulator.Upstream.Universe;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Emulator.Tests;

/// <summary>Starts emulators on a fixed fake clock and reads JSON from them over loopback HTTP.</summary>
internal static class TestEmulator
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static async Task<UpstreamEmulator> StartAsync(Action<UpstreamEmulatorOptions>? configure = null, FakeTimeProvider? clock = null)
    {
        var options = new UpstreamEmulatorOptions { Clock = clock ?? new FakeTimeProvider(Now), Seed = 42 };
        configure?.Invoke(options);
        return await UpstreamEmulator.StartAsync(options);
    }

    /// <summary>The GitHub repository of <paramref name="preferred"/>, or of the first corpus package that has one.</summary>
    public static RepoRef GitHubRepoOf(UpstreamEmulator up, string preferred)
    {
        foreach (var name in new[] { preferred }.Concat(up.Universe.Names(Ecosystem.Npm)))
        {
            if (up.Universe.Get(Ecosystem.Npm, name)?.Repository is { IsGitHub: true } repo && up.Universe.GetRepo(repo) is { Empty: false })
                return repo;
        }
        throw new InvalidOperationException("no npm package with a GitHub repository");
    }

    public static HttpClient Client() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string url, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<int> StatusAsync(this HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        return (int)response.StatusCode;
    }
}
