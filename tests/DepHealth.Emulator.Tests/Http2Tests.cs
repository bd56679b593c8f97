using System.Net;
using DepHealth.Emulator.Upstream;
using DepHealth.Emulator.Upstream.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DepHealth.Emulator.Tests;

/// <summary>With <see cref="HttpProtocols.Http2"/> the emulator speaks cleartext HTTP/2, so a client's multiplexing shows in the log.</summary>
public sealed class Http2Tests
{
    [Fact]
    public async Task Concurrent_http2_requests_share_one_connection_and_pay_its_delay_once()
    {
        await using var up = await TestEmulator.StartAsync(o =>
        {
            o.Protocols = HttpProtocols.Http2;
            o.NewConnectionDelay = TimeSpan.FromMilliseconds(50);
            o.Latency[UpstreamKind.DepsDev] = LatencyProfile.Milliseconds(150);
        });
        using var http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = false })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using (var first = await http.GetAsync(up.BaseUrls.DepsDev + "/v3/systems/npm/packages/chalk"))
            Assert.Equal(HttpVersion.Version20, first.Version);
        var names = new[] { "express", "debug", "mocha", "axios", "marked" };
        var responses = await Task.WhenAll(names.Select(n => http.GetAsync($"{up.BaseUrls.DepsDev}/v3/systems/npm/packages/{n}")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in responses)
            r.Dispose();

        Assert.Single(up.Log.Connections);
        var log = up.Log.For(UpstreamKind.DepsDev).Skip(1).ToArray();
        Assert.Equal(5, log.Length);
        Assert.True(log.All(a => log.All(b => a.Overlaps(b))), "multiplexed requests run at the same time");
    }
}
