using DepHealth.Core.Collection.Configuration;
using DepHealth.Core.Http;

namespace DepHealth.Server.Collection;

/// <summary>Whether one upstream answered the probe, and if not, why (no URL values: they may hold credentials).</summary>
public sealed record ProbeResult(Upstream Upstream, bool Reachable, string Detail);

/// <summary>
/// A quick start-up check that the configured upstream hosts can be reached at all: one GET of each base URL,
/// with a short timeout. Any HTTP answer (even 404) counts as reachable; only DNS, connection and timeout
/// failures do not.
/// </summary>
public static class UpstreamProbe
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    public static async Task<IReadOnlyList<ProbeResult>> ProbeAsync(UpstreamOptions options, TimeSpan timeout, CancellationToken ct)
    {
        using var http = SharedHttpHandler.CreateClient(decompress: true);
        http.Timeout = Timeout.InfiniteTimeSpan;
        var probes = Upstreams.All
            .Where(u => options.BaseUrl(u) is not null)
            .Select(u => ProbeOneAsync(http, u, options.BaseUrl(u)!, timeout, ct));
        return await Task.WhenAll(probes);
    }

    private static async Task<ProbeResult> ProbeOneAsync(HttpClient http, Upstream upstream, Uri url, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            return new ProbeResult(upstream, true, $"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeResult(upstream, false, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new ProbeResult(upstream, false, e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "host name does not resolve",
                HttpRequestError.ConnectionError => "connection refused or unreachable",
                HttpRequestError.SecureConnectionError => "TLS handshake failed",
                HttpRequestError.ProxyTunnelError => "proxy refused the tunnel",
                _ => e.HttpRequestError.ToString(),
            });
        }
    }
}
