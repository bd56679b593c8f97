using System.Globalization;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Api;

/// <summary>
/// POST /v1/scan. Size, media type, key, JSON, ecosystem, names and count are checked first; then the number of
/// unique dependencies is charged at once; cache hits skip the store and the rest is one concurrent batch read.
/// </summary>
public sealed class ScanHandler(ApiServices services, PackageCache cache)
{
    private readonly QuotaResponses _quota = new(services.Options, services.Time);

    public async ValueTask<ApiResponse> HandleAsync(ApiRequest request, CancellationToken ct)
    {
        var options = services.Options;
        if (long.TryParse(request.Header("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var declared)
            && declared > options.MaxBodyBytes || request.Body.Length > options.MaxBodyBytes)
            return PayloadTooLarge(options.MaxBodyBytes);
        if (!IsJson(request.Header("Content-Type")))
            return ApiError.Create(415, ErrorCodes.UnsupportedMediaType, "Content-Type must be application/json");

        Auth.ApiKeyIdentity? identity;
        try
        {
            using var budget = StoreBudget.Start(services, ct);
            identity = await services.Keys.ValidateAsync(request.Header("X-API-Key"), budget.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return QuotaResponses.ServiceUnavailable("Could not check the API key; try again shortly");
        }
        if (identity is null)
            return QuotaResponses.InvalidApiKey();

        var (scan, error) = ScanRequestReader.Read(request.Body, options.MaxScanDependencies);
        if (error is not null)
            return error;

        var headers = new ResponseHeaders();
        UsageAlert? alert;
        try
        {
            var decision = await services.Usage.TryConsumeAsync(identity, scan!.Dependencies.Count, ct);
            if (!decision.Allowed)
                return _quota.MonthlyLimitExceeded(decision,
                    $"Scanning {scan.Dependencies.Count} packages would exceed your remaining {decision.Remaining} requests.");
            RateLimitHeaders.Add(headers, decision);
            alert = UsageAlert.For(decision, options.UpgradeUrl);
            alert?.AddHeaders(headers);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return QuotaResponses.ServiceUnavailable("Could not check the quota; try again shortly");
        }

        var lookup = await LookupAsync(scan, ct);
        var queued = await QueueNotFoundAsync(lookup.NotFound, ct);
        var body = ScanResponseWriter.Write(scan, lookup, queued, alert);
        headers.Set("Content-Type", ApiResponse.JsonContentType);
        headers.Set("Cache-Control", "no-store");
        return new ApiResponse(200, headers, body);
    }

    /// <summary>Serves what the cache holds and reads the rest with one <see cref="IPackageStore.GetManyAsync"/>.</summary>
    private async ValueTask<ScanLookup> LookupAsync(ScanRequest scan, CancellationToken ct)
    {
        var found = new Dictionary<PackageKey, PackageRecord>(scan.Dependencies.Count);
        var notFound = new List<PackageKey>();
        var unavailable = new List<PackageKey>();
        List<PackageKey>? misses = null;
        foreach (var dep in scan.Dependencies)
        {
            if (cache.TryGet(dep.Key, out var entry))
            {
                if (entry.Record is null) notFound.Add(dep.Key);
                else found[dep.Key] = entry.Record;
            }
            else
            {
                (misses ??= []).Add(dep.Key);
            }
        }

        if (misses is not null)
        {
            try
            {
                // Whatever the budget leaves unread comes back as unavailable, next to what was read.
                BatchReadResult read;
                using (var budget = StoreBudget.Start(services, ct))
                    read = await services.Store.GetManyAsync(misses, budget.Token);
                ct.ThrowIfCancellationRequested();
                var failed = new HashSet<PackageKey>(read.Unavailable);
                foreach (var key in misses)
                {
                    if (read.Found.TryGetValue(key, out var record))
                    {
                        found[key] = record;
                        cache.SetFound(key, record);
                    }
                    else if (failed.Contains(key))
                    {
                        unavailable.Add(key);
                    }
                    else
                    {
                        notFound.Add(key);
                        cache.SetNotFound(key);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The store failed as a whole: report the names as unavailable, not as unknown.
                unavailable.AddRange(misses);
            }
        }
        return new ScanLookup(found, notFound, unavailable);
    }

    private async ValueTask<int> QueueNotFoundAsync(IReadOnlyList<PackageKey> notFound, CancellationToken ct)
    {
        var keys = notFound.Take(services.Options.MaxQueuedPerScan).ToList();
        return await DiscoveryQueue.TryEnqueueManyAsync(services.Queue, keys, CollectionReasons.ScanDiscovery, ct);
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
            return false;
        var media = contentType.AsSpan();
        var semi = media.IndexOf(';');
        if (semi >= 0)
            media = media[..semi];
        media = media.Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
               (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) &&
                media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static ApiResponse PayloadTooLarge(int max) =>
        ApiError.Create(413, ErrorCodes.PayloadTooLarge, $"Request body is larger than {max} bytes");
}

/// <summary>Where each scanned key was found: a record, nowhere, or not readable because the store failed.</summary>
public sealed record ScanLookup(
    IReadOnlyDictionary<PackageKey, PackageRecord> Found,
    IReadOnlyList<PackageKey> NotFound,
    IReadOnlyList<PackageKey> Unavailable);
