using DepHealth.Core.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DepHealth.Server;

/// <summary>The Kestrel web host: one terminal handler that hands every request to the Core API.</summary>
public static class ServerHost
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Builds and starts the host on <paramref name="urls"/> (port 0 picks a free one); returns it running.</summary>
    public static async Task<WebApplication> StartAsync(ApiApplication api, string urls, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // The handler refuses bodies past the API's limit (413) without reading them; Kestrel then drains up to this
            // much so that clients that keep sending still read the 413 instead of a reset connection. Beyond it: closed.
            k.Limits.MaxRequestBodySize = 4L * api.Options.MaxBodyBytes;
            // Long names must reach the handler, which answers 400 invalid_package_name rather than a bare 414.
            k.Limits.MaxRequestLineSize = 64 * 1024;
        });
        var app = builder.Build();
        var adapter = new KestrelAdapter(api);
        app.Run(adapter.HandleAsync);
        // After the last request: persist the usage still in memory before the process goes.
        app.Lifetime.ApplicationStopped.Register(() => adapter.DrainAsync().GetAwaiter().GetResult());
        await app.StartAsync(ct);
        return app;
    }

    /// <summary>The addresses the started host listens on (with the real port when 0 was asked for).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
