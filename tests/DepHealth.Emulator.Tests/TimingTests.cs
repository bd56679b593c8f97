using System.Net;
using System.Text.Json;
using DepHealth.Emulator.Upstream;
using DepHealth.Emulator.Upstream.Hosting;

namespace DepHealth.Emulator.Tests;

/// <summary>Latency and the new-connection delay, asserted through the request log (lower bounds only, no tight timing).</summary>
public sealed class TimingTests
{
    // Task.Delay truncates to whole milliseconds and the timer queue fires on a coarse tick: a delay was seen to end
    // 3.5 ms early on a loaded machine. The slack stays far below the latencies asserted (120 and 400 ms).
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(15);

    [Fact]
    public async Task Latency_is_applied_per_upstream_and_concurrent_calls_overlap_in_the_log()
    {
        await using var up = await TestEmulator.StartAsync(o => o.Latency[UpstreamKind.DepsDev] = LatencyProfile.Milliseconds(400, 50));
        using var http = TestEmulator.Client();
        var names = new[] { "chalk", "express", "debug", "mocha", "axios" };
        await Task.WhenAll(names.Select(n => http.GetJsonAsync($"{up.BaseUrls.DepsDev}/v3/systems/npm/packages/{n}")));
        await http.GetJsonAsync(up.BaseUrls.Npm + "/chalk/latest");

        var deps = up.Log.For(UpstreamKind.DepsDev);
        Assert.Equal(5, deps.Count);
        Assert.All(deps, e =>
        {
            Assert.InRange(e.AddedLatency, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(450));
            Assert.True(e.Duration >= e.AddedLatency - TimerSlack, $"{e.Path} finished in {e.Duration}");
        });
        // Run one after another the five would span at least the sum of their latencies; concurrently, about one.
        var span = deps.Max(e => e.End) - deps.Min(e => e.Start);
        Assert.True(span < deps.Aggregate(TimeSpan.Zero, (sum, e) => sum + e.AddedLatency) - TimeSpan.FromMilliseconds(400),
            $"the five requests spanned {span}: they did not run concurrently");
        Assert.Contains(deps, a => deps.Any(b => a.Id != b.Id && a.Overlaps(b)));
        Assert.Equal(TimeSpan.Zero, up.Log.For(UpstreamKind.Npm).Single().AddedLatency);
    }

    [Fact]
    public async Task Latency_changes_at_run_time_through_the_api_and_the_control_endpoint()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        up.Latency.Set(UpstreamKind.Npm, TimeSpan.FromMilliseconds(120));
        await http.GetJsonAsync(up.BaseUrls.Npm + "/chalk/latest");
        using var set = await http.PostAsync(up.BaseUrls.Control + "/latency", FaultTests.Json("""{"upstream":"npm","fixedMs":0}"""));
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        await http.GetJsonAsync(up.BaseUrls.Npm + "/chalk/latest");
        var log = up.Log.For(UpstreamKind.Npm);
        Assert.Equal([TimeSpan.FromMilliseconds(120), TimeSpan.Zero], log.Select(e => e.AddedLatency));
        Assert.True(log[0].Duration >= TimeSpan.FromMilliseconds(120) - TimerSlack, $"took {log[0].Duration}");
    }

    [Fact]
    public async Task New_connection_delay_is_paid_once_per_connection_and_reuse_avoids_it()
    {
        await using var up = await TestEmulator.StartAsync(o => o.NewConnectionDelay = TimeSpan.FromMilliseconds(150));
        using (var reused = TestEmulator.Client())
        {
            var started = TimeProvider.System.GetTimestamp();
            for (var i = 0; i < 5; i++)
                await reused.GetJsonAsync(up.BaseUrls.Npm + "/chalk/latest");
            Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(150), "the first request waits for the new connection");
        }
        var requests = up.Log.Requests;
        Assert.Equal(5, requests.Count);
        Assert.Single(requests.Select(r => r.ConnectionId).Distinct());
        var connection = Assert.Single(up.Log.Connections);
        Assert.Equal(TimeSpan.FromMilliseconds(150), connection.Delay);
        Assert.True(requests[0].Start - connection.AcceptedAt >= TimeSpan.FromMilliseconds(140), "the first request is read only after the delay");

        up.Log.Clear();
        for (var i = 0; i < 3; i++)
        {
            using var fresh = TestEmulator.Client(); // a new pool each time: a new TCP connection each time
            await fresh.GetJsonAsync(up.BaseUrls.Npm + "/chalk/latest");
        }
        Assert.Equal(3, up.Log.Connections.Count);
        Assert.Equal(3, up.Log.Requests.Select(r => r.ConnectionId).Distinct().Count());
    }

    [Fact]
    public async Task Control_log_lists_requests_with_times_status_and_connection()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        await http.GetJsonAsync(up.BaseUrls.Npm + "/chalk/latest");
        Assert.Equal(404, await http.StatusAsync(up.BaseUrls.Npm + "/dephealth-missing"));
        var log = await http.GetJsonAsync(up.BaseUrls.Control + "/log");
        var requests = log.GetProperty("requests").EnumerateArray().ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal("npm", requests[0].GetProperty("upstream").GetString());
        Assert.Equal("/npm/chalk/latest", requests[0].GetProperty("path").GetString());
        Assert.Equal("chalk", requests[0].GetProperty("subject").GetString());
        Assert.Equal(404, requests[1].GetProperty("status").GetInt32());
        Assert.True(requests[0].GetProperty("end").GetDateTimeOffset() >= requests[0].GetProperty("start").GetDateTimeOffset());
        Assert.False(string.IsNullOrEmpty(requests[0].GetProperty("connectionId").GetString()));
        Assert.Equal(JsonValueKind.Array, log.GetProperty("connections").ValueKind);
    }
}
