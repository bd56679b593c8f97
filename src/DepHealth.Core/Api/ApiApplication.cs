using DepHealth.Core.Auth;
using DepHealth.Core.Collection;
using DepHealth.Core.Observability;
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
        IDemoLimiter demo, ICollectionQueue? queue = null, TimeProvider? time = null, ApiObservability? observability = null)
    {
        options.Validate();
        time ??= TimeProvider.System;
        if (observability is not null) store = observability.Wrap(store);
        var services = new ApiServices(options, store, keys, usage, demo, queue, time);
        var cache = new PackageCache(options, time);
        var router = new ApiRouter(
            new GetPackageHandler(services, cache),
            new ScanHandler(services, cache),
            new UsageHandler(services),
            new HealthHandler(options, time),
            new CorsPolicy(options.AllowedOrigins),
            options, time);
        var handler = observability is null ? router : observability.Wrap(router);
        return new ApiApplication(handler, new UsageFlushWork(usage), cache, options);
    }

    /// <summary>
    /// Everything from environment variables (DYNAMODB_ENDPOINT, AWS_REGION, PACKAGES_TABLE, API_KEYS_TABLE,
    /// ALLOWED_ORIGINS, CACHE_*, MAX_*; request logs and metrics on stdout unless DEPHEALTH_LOG_REQUESTS=0); the
    /// DynamoDB client is created on first use, not here.
    /// </summary>
    public static ApiApplication FromEnvironment(Func<string, string?>? lookup = null, ICollectionQueue? queue = null,
        TimeProvider? time = null) =>
        FromDynamo(new DynamoDbClientProvider(DynamoDbSettings.FromEnvironment(lookup)), ApiOptionsEnvironment.Read(lookup), queue, time,
            observability: ApiObservability.FromEnvironment(lookup, time: time));

    /// <summary>The DynamoDB-backed store, key validator, usage meter and demo limiter over one client provider.</summary>
    public static ApiApplication FromDynamo(DynamoDbClientProvider clients, ApiOptions options, ICollectionQueue? queue = null,
        TimeProvider? time = null, BatchReadOptions? batchReads = null, ApiObservability? observability = null)
    {
        time ??= TimeProvider.System;
        return Create(options,
            new DynamoPackageStore(clients, batchReads, time),
            new ApiKeyValidator(clients, null, time),
            new UsageMeter(clients, null, time),
            new DemoLimiter(clients, time),
            queue, time, observability);
    }
}
