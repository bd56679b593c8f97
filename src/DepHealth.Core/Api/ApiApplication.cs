using DepHealth.Core.Auth;
using DepHealth.Core.Collection;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Api;

/// <summary>
/// The composition root both hosts use (Kestrel server, Lambda functions): wires the handlers by hand, no DI
/// container and no reflection. <see cref="Handler"/> serves requests; hosts run <see cref="AfterResponse"/> after
/// each response has been sent.
/// </summary>
public sealed class ApiApplication
{
    private ApiApplication(IApiHandler handler, IAfterResponseWork afterResponse, PackageCache cache, ApiOptions options)
    {
        Handler = handler;
        AfterResponse = afterResponse;
        Cache = cache;
        Options = options;
    }

    public IApiHandler Handler { get; }
    public IAfterResponseWork AfterResponse { get; }
    public PackageCache Cache { get; }
    public ApiOptions Options { get; }

    public static ApiApplication Create(ApiOptions options, IPackageStore store, IApiKeyValidator keys, IUsageMeter usage,
        IDemoLimiter demo, ICollectionQueue? queue = null, TimeProvider? time = null)
    {
        options.Validate();
        time ??= TimeProvider.System;
        var services = new ApiServices(options, store, keys, usage, demo, queue, time);
        var cache = new PackageCache(options, time);
        var router = new ApiRouter(
            new GetPackageHandler(services, cache),
            new ScanHandler(services, cache),
            new UsageHandler(services),
            new HealthHandler(options, time),
            new CorsPolicy(options.AllowedOrigins));
        return new ApiApplication(router, new UsageFlushWork(usage), cache, options);
    }
}
