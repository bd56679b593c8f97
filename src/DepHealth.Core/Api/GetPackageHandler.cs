using DepHealth.Core.Auth;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Api;

/// <summary>
/// GET /v1/packages/{ecosystem}/{name}. Everything about the request is validated before any quota is used;
/// then the API key (or the demo limit) is charged, and the package is served from the cache or the store.
/// </summary>
public sealed class GetPackageHandler(ApiServices services, PackageCache cache)
{
    private readonly QuotaResponses _quota = new(services.Options, services.Time);
    private readonly string _cacheControl = $"private, max-age={(long)services.Options.ClientMaxAge.TotalSeconds}";

    /// <summary>Serves one package; <c>name</c> is already URL-decoded by the router.</summary>
    public async ValueTask<ApiResponse> HandleAsync(ApiRequest request, string? ecosystem, string? name, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(name))
            return ApiError.BadRequest(ErrorCodes.MissingParameter, "Package name is required");
        if (!Ecosystems.TryParse(ecosystem, out var eco))
            return ApiError.BadRequest(ErrorCodes.InvalidEcosystem,
                $"Unsupported ecosystem: {Truncate(ecosystem)}. Supported: {string.Join(", ", Ecosystems.Supported)}");
        var validation = PackageNames.Validate(eco, name);
        if (!validation.IsValid)
            return ApiError.BadRequest(ErrorCodes.InvalidPackageName, validation.Error!);
        request.Query.TryGetValue("fields", out var fieldsQuery);
        if (!PackageFields.TryParse(fieldsQuery, out var fields, out var fieldsError))
            return ApiError.BadRequest(ErrorCodes.InvalidFields, fieldsError!);

        var headers = new ResponseHeaders();
        UsageAlert? alert = null;
        try
        {
            Auth.ApiKeyIdentity? identity;
            using (var budget = StoreBudget.Start(services, ct))
                identity = await services.Keys.ValidateAsync(request.Header("X-API-Key"), budget.Token);
            if (identity is not null)
            {
                // Quota writes get no store budget: one cut off half-way may be applied without the caller knowing.
                var decision = await services.Usage.TryConsumeAsync(identity, 1, ct);
                if (!decision.Allowed)
                    return _quota.MonthlyLimitExceeded(decision);
                RateLimitHeaders.Add(headers, decision);
                alert = UsageAlert.For(decision, services.Options.UpgradeUrl);
                alert?.AddHeaders(headers);
            }
            else
            {
                var decision = await services.Demo.TryConsumeAsync(request.SourceIp ?? "unknown", ct);
                if (!decision.Allowed)
                    return _quota.DemoLimitExceeded(decision);
                headers.Set("X-Demo-Mode", "true");
                RateLimitHeaders.Add(headers, decision);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return QuotaResponses.ServiceUnavailable("Could not check the API key or quota; try again shortly");
        }

        var key = new PackageKey(eco.ToWire(), validation.Normalized);
        PackageCacheEntry? entry;
        try
        {
            (entry, var hit) = await LookupAsync(key, ct);
            headers.Set(CacheStatus.Header, hit ? CacheStatus.Hit : CacheStatus.Miss);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The store failed or was too slow: an expired record beats no answer, and says what it is.
            if (!cache.TryGetStale(key, out var stale))
                return QuotaResponses.ServiceUnavailable("Failed to fetch package data; try again shortly");
            entry = stale;
            headers.Set(CacheStatus.Header, CacheStatus.Stale);
        }

        if (entry is null)
            return ApiError.Create(404, ErrorCodes.PackageNotFound,
                $"Package '{validation.Normalized}' not found in {key.Ecosystem}", headers);

        var body = fields == PackageField.All && alert is null
            ? entry.GetOrRenderBody(PackageBodyWriter.RenderFull)
            : PackageBodyWriter.Render(entry.Record!, fields, alert);

        headers.Set("ETag", body.ETag);
        headers.Set("Cache-Control", _cacheControl);
        if (ETags.Matches(request.Header("If-None-Match"), body.ETag))
            return new ApiResponse(304, headers, ReadOnlyMemory<byte>.Empty);
        headers.Set("Content-Type", ApiResponse.JsonContentType);
        return new ApiResponse(200, headers, body.Bytes);
    }

    /// <summary>
    /// The cached or stored record, or null, and whether the cache answered; a store miss is cached briefly and, with
    /// a queue, queued.
    /// </summary>
    private async ValueTask<(PackageCacheEntry? Entry, bool Hit)> LookupAsync(PackageKey key, CancellationToken ct)
    {
        if (cache.TryGet(key, out var cached))
            return (cached.Record is null ? null : cached, true);

        PackageRecord? record;
        using (var budget = StoreBudget.Start(services, ct))
            record = await services.Store.GetAsync(key, budget.Token);
        if (record is not null)
            return (cache.SetFound(key, record), false);

        cache.SetNotFound(key);
        await DiscoveryQueue.TryEnqueueAsync(services.Queue, key, CollectionReasons.GetDiscovery, ct);
        return (null, false);
    }

    private static string Truncate(string? value) =>
        value is null ? "(none)" : value.Length > 64 ? value[..64] + "…" : value;
}
