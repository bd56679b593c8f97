using System.Security.Cryptography;
using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Emulator.Tests;

/// <summary>Same seed and clock → byte-identical responses across separate emulator runs; another seed → other values.</summary>
public sealed class DeterminismTests
{
    private static readonly string[] Paths =
    [
        "/depsdev/v3/systems/npm/packages/%40babel%2Fcore",
        "/depsdev/v3alpha/systems/pypi/packages/requests",
        "/npm/chalk",
        "/npm/%40vue%2Fshared",
        "/npm-downloads/downloads/point/last-week/chalk,express,debug",
        "/npm-downloads/downloads/range/last-month/mocha",
        "/bundlephobia/api/size?package=axios",
        "/pypi/pypi/httpx/json",
        "/pypistats/api/packages/flask/recent?period=week",
        "/github/repos/dephealth-fixtures/bot-heavy/commits?per_page=100",
    ];

    [Fact]
    public async Task Two_runs_with_the_same_seed_and_clock_serve_identical_bytes()
    {
        var port = FreePort.Next();
        var first = await FetchAllAsync(port, seed: 7);
        var second = await FetchAllAsync(port, seed: 7);
        Assert.Equal(Paths.Length, first.Count);
        foreach (var path in Paths)
            Assert.True(first[path] == second[path], $"{path} differs between runs");
    }

    [Fact]
    public async Task Another_seed_gives_other_values()
    {
        var port = FreePort.Next();
        var a = await FetchAllAsync(port, seed: 7);
        var b = await FetchAllAsync(port, seed: 8);
        Assert.True(Paths.Count(p => a[p] != b[p]) >= Paths.Length - 1, "a new seed should change nearly every document");
    }

    [Fact]
    public void Universe_api_is_deterministic_and_keyed_per_package()
    {
        var now = TestEmulator.Now;
        var a = Upstream.Universe.UpstreamUniverse.Create(99, now, 10);
        var b = Upstream.Universe.UpstreamUniverse.Create(99, now, 500); // more synthetic names must not shift existing packages
        foreach (var name in new[] { "chalk", "@babel/core", "express" })
        {
            var x = a.Get(Ecosystem.Npm, name)!;
            var y = b.Get(Ecosystem.Npm, name)!;
            Assert.Equal(x.WeeklyDownloads, y.WeeklyDownloads);
            Assert.Equal(x.LatestVersion, y.LatestVersion);
            Assert.Equal(x.CreatedAt, y.CreatedAt);
        }
    }

    private static async Task<Dictionary<string, string>> FetchAllAsync(int port, int seed)
    {
        await using var up = await UpstreamEmulator.StartAsync(new UpstreamEmulatorOptions { Port = port, Seed = seed, Clock = new FakeTimeProvider(TestEmulator.Now) });
        using var http = TestEmulator.Client();
        var result = new Dictionary<string, string>();
        foreach (var path in Paths)
        {
            using var response = await http.GetAsync(up.BaseUrls.Root.GetLeftPart(UriPartial.Authority) + path);
            Assert.True(response.IsSuccessStatusCode, $"{path} → {(int)response.StatusCode}");
            result[path] = Convert.ToHexString(SHA256.HashData(await response.Content.ReadAsByteArrayAsync()));
        }
        return result;
    }
}
