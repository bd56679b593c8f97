using DepHealth.Core.Collection.Collectors;
using DepHealth.Core.Collection.Http;
using DepHealth.Core.Observability;
using DepHealth.Core.Packages;
using DepHealth.Core.Scoring;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Collection;

/// <summary>
/// Collects one package as a dependency graph of upstream calls, each started as soon as its inputs exist:
/// deps.dev package, registry metadata and downloads first; then deps.dev version and dependents (after
/// the package), the repository (from the registry document or, failing that, deps.dev's version), deps.dev
/// project and the five GitHub calls (after the repository), bundlephobia (after the registry's version).
/// Merges the fragments, keeps a failed source's previous values (stale), computes data_status and the
/// retry schedule, scores the record and writes it conditionally.
/// </summary>
public sealed class PackageCollector
{
    private readonly UpstreamClient _client;
    private readonly IPackageStore? _store;
    private readonly Action<PackageRecord>? _score;
    private readonly DepsDevCollector _depsDev;
    private readonly NpmCollector _npm;
    private readonly PyPICollector _pypi;
    private readonly BundlephobiaCollector _bundlephobia;
    private readonly GitHubCollector _github;

    /// <summary>Builds the collectors over <paramref name="client"/>; <paramref name="score"/> writes scores into a record (the scoring engine).</summary>
    public PackageCollector(UpstreamClient client, IPackageStore? store = null, Action<PackageRecord>? score = null, GitHubRateLimit? gitHubRateLimit = null)
    {
        _client = client;
        _store = store;
        _score = score;
        _depsDev = new DepsDevCollector(client);
        _npm = new NpmCollector(client);
        _pypi = new PyPICollector(client);
        _bundlephobia = new BundlephobiaCollector(client);
        _github = new GitHubCollector(client, gitHubRateLimit ?? new GitHubRateLimit(client.Time));
    }

    /// <summary>When set, each collection writes its upstream latencies and failures and its duration as EMF metrics.</summary>
    public ServiceMetrics? Metrics { get; init; }

    /// <summary>The production wiring: records are scored by <see cref="PackageScorer"/> on the client's clock.</summary>
    public static PackageCollector WithScoring(UpstreamClient client, IPackageStore? store = null, GitHubRateLimit? gitHubRateLimit = null,
        ServiceMetrics? metrics = null)
    {
        var scorer = new PackageScorer(client.Time);
        return new PackageCollector(client, store, record => scorer.ScoreInto(record), gitHubRateLimit) { Metrics = metrics };
    }

    /// <summary>Reads the stored record, collects, scores and writes (an older collection never overwrites a newer one).</summary>
    public async Task<CollectionResult> CollectAndStoreAsync(CollectionRequest request, CancellationToken cancellationToken = default)
    {
        var store = _store ?? throw new InvalidOperationException("no package store configured");
        var name = PackageNames.Normalize(request.Ecosystem, request.Name);
        var existing = await store.GetAsync(new PackageKey(request.Ecosystem.ToWire(), name), cancellationToken).ConfigureAwait(false);
        var result = await CollectAsync(request, existing, cancellationToken).ConfigureAwait(false);
        var outcome = await store.PutAsync(result.Record, cancellationToken).ConfigureAwait(false);
        return new CollectionResult
        {
            Record = result.Record,
            Sources = result.Sources,
            Calls = result.Calls,
            ElapsedMs = result.ElapsedMs,
            Write = outcome,
        };
    }

    /// <summary>Collects and scores without storing; <paramref name="existing"/> supplies ETags and the previous values of failed sources.</summary>
    public async Task<CollectionResult> CollectAsync(CollectionRequest request, PackageRecord? existing, CancellationToken cancellationToken = default)
    {
        var recorder = new CallRecorder(_client.Time);
        using var gate = _client.Settings.Mode == CollectionMode.Sequential ? new SemaphoreSlim(1, 1) : null;
        var context = new CollectionContext(recorder, gate);
        var name = PackageNames.Normalize(request.Ecosystem, request.Name);
        var now = _client.Time.GetUtcNow();

        var graph = request.Ecosystem == Ecosystem.Npm
            ? await RunNpmGraphAsync(name, existing, context, cancellationToken).ConfigureAwait(false)
            : await RunPyPIGraphAsync(name, existing, context, cancellationToken).ConfigureAwait(false);

        var record = new PackageRecord
        {
            Ecosystem = request.Ecosystem.ToWire(),
            Name = name,
            Tier = request.Tier ?? existing?.Tier ?? 3,
            CollectedAt = now,
            LastUpdated = now,
            Sources = [],
            DataFreshness = "fresh",
            Source = existing?.Source,
            RequestedByIp = existing?.RequestedByIp,
        };
        var reports = Merge(graph, record, existing);

        var retryCount = (existing?.RetryCount ?? 0) + (request.IsRetry ? 1 : 0);
        var missing = reports.Where(r => r.Status is SourceStatus.Failed or SourceStatus.Skipped).Select(r => r.Source).ToList();
        DataStatus.Apply(record, missing, retryCount, now);
        _score?.Invoke(record);

        var result = new CollectionResult
        {
            Record = record,
            Sources = reports,
            Calls = recorder.Calls,
            ElapsedMs = recorder.Now,
        };
        if (Metrics is { } metrics)
            CollectionMetrics.Emit(metrics, result);
        return result;
    }

    /// <summary>What every node of the graph produced.</summary>
    private sealed record GraphResults(
        SourceResult<DepsDevPackage> Package,
        SourceResult<DepsDevVersion> Version,
        SourceResult<long> Dependents,
        SourceResult<DepsDevProject> Project,
        string RegistrySource,
        SourceResult<PackageRecord> Registry,
        SourceResult<long> Downloads,
        SourceResult<PackageRecord>? Bundle,
        GitHubRepository? Repository,
        SourceResult<PackageRecord> GitHub);

    private async Task<GraphResults> RunNpmGraphAsync(string name, PackageRecord? existing, CollectionContext context, CancellationToken ct)
    {
        var package = _depsDev.GetPackageAsync(Ecosystem.Npm, name, context, ct);
        var registry = _npm.GetLatestAsync(name, context, ct);
        var downloads = _npm.GetWeeklyDownloadsAsync(name, context, ct);
        var (version, dependents) = StartVersionCalls(Ecosystem.Npm, name, package, context, ct);
        var repository = ResolveRepositoryAsync(registry, NpmCollector.MetadataCall, version);
        var project = StartProjectAsync(repository, context, ct);
        var github = StartGitHubAsync(repository, existing, context, ct);
        var bundle = StartBundleAsync(name, registry, package, context, ct);

        await Task.WhenAll(package, registry, downloads, version, dependents, project, github, bundle).ConfigureAwait(false);
        return new GraphResults(package.Result, version.Result, dependents.Result, project.Result, SourceFields.Npm,
            registry.Result, downloads.Result, bundle.Result, (await repository.ConfigureAwait(false)).Repository, github.Result);
    }

    private async Task<GraphResults> RunPyPIGraphAsync(string name, PackageRecord? existing, CollectionContext context, CancellationToken ct)
    {
        var package = _depsDev.GetPackageAsync(Ecosystem.PyPI, name, context, ct);
        var registry = _pypi.GetMetadataAsync(name, context, ct);
        var downloads = _pypi.GetWeeklyDownloadsAsync(name, context, ct);
        var (version, dependents) = StartVersionCalls(Ecosystem.PyPI, name, package, context, ct);
        var repository = ResolveRepositoryAsync(registry, PyPICollector.MetadataCall, version);
        var project = StartProjectAsync(repository, context, ct);
        var github = StartGitHubAsync(repository, existing, context, ct);

        await Task.WhenAll(package, registry, downloads, version, dependents, project, github).ConfigureAwait(false);
        return new GraphResults(package.Result, version.Result, dependents.Result, project.Result, SourceFields.PyPI,
            registry.Result, downloads.Result, null, (await repository.ConfigureAwait(false)).Repository, github.Result);
    }

    private (Task<SourceResult<DepsDevVersion>>, Task<SourceResult<long>>) StartVersionCalls(
        Ecosystem ecosystem, string name, Task<SourceResult<DepsDevPackage>> package, CollectionContext context, CancellationToken ct)
    {
        async Task<SourceResult<DepsDevVersion>> Version()
        {
            var p = await package.ConfigureAwait(false);
            return p.IsOk ? await _depsDev.GetVersionAsync(ecosystem, name, p.Value!.DefaultVersion, context, ct).ConfigureAwait(false) : p.As<DepsDevVersion>();
        }
        async Task<SourceResult<long>> Dependents()
        {
            var p = await package.ConfigureAwait(false);
            return p.IsOk ? await _depsDev.GetDependentsAsync(ecosystem, name, p.Value!.DefaultVersion, context, ct).ConfigureAwait(false) : p.As<long>();
        }
        return (Version(), Dependents());
    }

    /// <summary>The repository and where it came from: the registry document if it names a GitHub repository, else deps.dev's version, whichever settles it first.</summary>
    private static async Task<(GitHubRepository? Repository, string? ProjectId, string From)> ResolveRepositoryAsync(
        Task<SourceResult<PackageRecord>> registry, string registryCall, Task<SourceResult<DepsDevVersion>> version)
    {
        (GitHubRepository?, string?, string)? FromRegistry() =>
            registry.Result is { IsOk: true } r && RepositoryUrls.ParseGitHub(r.Value!.RepositoryUrl) is { } repo
                ? (repo, repo.DepsDevProjectId, registryCall)
                : null;
        (GitHubRepository?, string?, string)? FromVersion() =>
            version.Result is { IsOk: true } v && (v.Value!.ProjectId is not null || v.Value.RepositoryUrl is not null)
                ? (RepositoryUrls.ParseGitHub(v.Value.RepositoryUrl), v.Value.ProjectId, "depsdev.version")
                : null;

        var first = await Task.WhenAny(registry, version).ConfigureAwait(false);
        if (first == registry && FromRegistry() is { } early)
            return early;
        if (first == version && FromVersion() is { } fromVersion && fromVersion.Item1 is not null)
            return fromVersion;
        await Task.WhenAll(registry, version).ConfigureAwait(false);
        return FromRegistry() ?? FromVersion() ?? (null, null, "none");
    }

    private async Task<SourceResult<DepsDevProject>> StartProjectAsync(
        Task<(GitHubRepository? Repository, string? ProjectId, string From)> repository, CollectionContext context, CancellationToken ct)
    {
        var (_, projectId, from) = await repository.ConfigureAwait(false);
        return projectId is null
            ? SourceResult<DepsDevProject>.NotFound()
            : await _depsDev.GetProjectAsync(projectId, [from], context, ct).ConfigureAwait(false);
    }

    private async Task<SourceResult<PackageRecord>> StartGitHubAsync(
        Task<(GitHubRepository? Repository, string? ProjectId, string From)> repository, PackageRecord? existing, CollectionContext context, CancellationToken ct)
    {
        var (repo, _, from) = await repository.ConfigureAwait(false);
        return repo is null
            ? SourceResult<PackageRecord>.NotFound()
            : await _github.CollectAsync(repo, existing, [from], context, ct).ConfigureAwait(false);
    }

    private async Task<SourceResult<PackageRecord>> StartBundleAsync(
        string name, Task<SourceResult<PackageRecord>> registry, Task<SourceResult<DepsDevPackage>> package, CollectionContext context, CancellationToken ct)
    {
        var meta = await registry.ConfigureAwait(false);
        if (meta is { IsOk: true, Value.LatestVersion: { } version })
            return await _bundlephobia.GetSizeAsync(name, version, [NpmCollector.MetadataCall], context, ct).ConfigureAwait(false);
        var p = await package.ConfigureAwait(false);
        return await _bundlephobia.GetSizeAsync(name, p.Value?.DefaultVersion, ["depsdev.package"], context, ct).ConfigureAwait(false);
    }

    /// <summary>Overlays the fragments (registry, then deps.dev, bundlephobia, GitHub), keeps failed sources' previous values, returns each source's report.</summary>
    private static List<SourceReport> Merge(GraphResults g, PackageRecord record, PackageRecord? existing)
    {
        var reports = new List<SourceReport>();

        // Registry: metadata and downloads together make the npm / pypi source.
        var registry = Combine(g.RegistrySource, g.Registry.Status, g.Registry.Reason, g.Downloads);
        if (g.Registry.Value is { } registryFragment)
            SourceFields.Overlay(registryFragment, record);
        if (g.Downloads.IsOk)
            record.WeeklyDownloads = g.Downloads.Value;
        reports.Add(registry);

        // deps.dev: the package decides whether it exists; its follow-up calls can still fail.
        var depsDevFragment = new PackageRecord();
        DepsDevCollector.Apply(g.Package.Value, g.Version.Value, g.Dependents.IsOk ? g.Dependents.Value : null, g.Project.Value, depsDevFragment);
        SourceFields.Overlay(depsDevFragment, record);
        var depsDevFailure = new (SourceStatus Status, string? Reason)[]
            {
                (g.Package.Status, g.Package.Reason), (g.Version.Status, g.Version.Reason),
                (g.Dependents.Status, g.Dependents.Reason), (g.Project.Status, g.Project.Reason),
            }
            .FirstOrDefault(s => s.Status is SourceStatus.Failed or SourceStatus.Skipped);
        reports.Add(g.Package.Status == SourceStatus.NotFound
            ? new SourceReport(SourceFields.DepsDev, SourceStatus.NotFound, "not_found")
            : depsDevFailure.Reason is not null || depsDevFailure.Status != SourceStatus.Ok
                ? new SourceReport(SourceFields.DepsDev, depsDevFailure.Status, depsDevFailure.Reason)
                : new SourceReport(SourceFields.DepsDev, SourceStatus.Ok, null));

        if (g.Bundle is { } bundle)
        {
            if (bundle.Value is { } bundleFragment)
                SourceFields.Overlay(bundleFragment, record);
            reports.Add(new SourceReport(SourceFields.Bundlephobia, bundle.Status, bundle.Reason));
        }

        // GitHub counts only when there is a GitHub repository (a missing repo is not a missing source).
        if (g.Repository is not null)
        {
            if (g.GitHub.Value is { } githubFragment)
                SourceFields.Overlay(githubFragment, record);
            var status = g.GitHub.Status == SourceStatus.NotFound ? SourceStatus.Failed : g.GitHub.Status;
            reports.Add(new SourceReport(SourceFields.GitHub, status, g.GitHub.Reason));
        }

        reports = [.. reports.OrderBy(r => Array.IndexOf(ReportOrder, r.Source))];
        var staleSources = new List<string>();
        var staleReasons = new List<string>();
        foreach (var report in reports)
        {
            if (report.Status == SourceStatus.Ok || (report.Status == SourceStatus.Failed && report.Source == SourceFields.GitHub && g.GitHub.Value is not null))
                record.Sources!.Add(report.Source);
            if (report.Status is SourceStatus.Failed or SourceStatus.Skipped && existing is not null &&
                SourceFields.FillFromPrevious(report.Source, existing, record))
            {
                staleSources.Add(report.Source);
                staleReasons.Add($"{report.Source}_{report.Reason ?? "unavailable"}");
            }
        }
        if (staleSources.Count > 0)
        {
            record.DataFreshness = "stale";
            record.StaleSources = staleSources;
            record.StaleReason = string.Join("; ", staleReasons);
        }
        return reports;
    }

    private static readonly string[] ReportOrder =
        [SourceFields.DepsDev, SourceFields.Npm, SourceFields.PyPI, SourceFields.Bundlephobia, SourceFields.GitHub];

    private static SourceReport Combine(string source, SourceStatus metadata, string? metadataReason, SourceResult<long> downloads)
    {
        if (metadata != SourceStatus.Ok)
            return new SourceReport(source, metadata, metadataReason);
        return downloads.Status is SourceStatus.Failed or SourceStatus.Skipped
            ? new SourceReport(source, downloads.Status, "downloads_" + downloads.Reason)
            : new SourceReport(source, SourceStatus.Ok, null);
    }
}
