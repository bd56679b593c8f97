using DepHealth.Cli.Api;
using DepHealth.Core.Api.Client;
using DepHealth.Core.Manifests;
using DepHealth.Core.Packages;

namespace DepHealth.Cli.Scanning;

/// <summary>
/// Parses each manifest locally (Core/Manifests), sends its names to POST /v1/scan in batches of at most
/// <see cref="BatchSize"/>, and merges the answers into one <see cref="ScanReport"/>.
/// </summary>
public sealed class ScanRunner(DepHealthClient client, IProgress<(int Done, int Total)>? progress = null)
{
    /// <summary>The API's per-request dependency limit.</summary>
    public const int BatchSize = 1000;

    public async Task<ScanReport> RunAsync(string root, DiscoveryResult discovery, bool includeDev, CancellationToken ct)
    {
        var manifests = new List<ManifestReport>();
        // (ecosystem, name) -> kind across manifests (strongest wins) and the manifests declaring it.
        var wanted = new Dictionary<(string Eco, string Name), (DependencyKind Kind, List<ManifestReport> In)>();
        var order = new List<(string Eco, string Name)>();

        foreach (var found in discovery.Manifests)
        {
            string content;
            try { content = await File.ReadAllTextAsync(found.FullPath, ct); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                manifests.Add(new ManifestReport(found, found.Format.Ecosystem().ToWire(), 0, 0, $"cannot read: {e.Message}"));
                continue;
            }
            if (!ManifestParser.TryParse(found.RelativePath, content, out var parsed, out var error))
            {
                manifests.Add(new ManifestReport(found, found.Format.Ecosystem().ToWire(), 0, 0, error!.Message) { Content = content });
                continue;
            }
            var devFile = ManifestDiscovery.IsDevRequirementsFile(found.RelativePath);
            var deps = parsed!.Dependencies.Where(d => includeDev || (d.Kind != DependencyKind.Dev && !devFile)).ToList();
            var report = new ManifestReport(found, parsed.Ecosystem.ToWire(), deps.Count, parsed.Skipped.Count, null) { Content = content };
            manifests.Add(report);
            foreach (var d in deps)
            {
                var key = (parsed.Ecosystem.ToWire(), d.Name);
                var kind = devFile ? DependencyKind.Dev : d.Kind;
                if (wanted.TryGetValue(key, out var entry))
                {
                    entry.In.Add(report);
                    if (kind.IsStrongerThan(entry.Kind)) wanted[key] = (kind, entry.In);
                }
                else
                {
                    wanted[key] = (kind, [report]);
                    order.Add(key);
                }
            }
        }

        var batches = order.GroupBy(k => k.Eco)
            .SelectMany(g => g.Chunk(BatchSize).Select(chunk => (Eco: g.Key, Names: chunk.Select(k => k.Name).ToArray())))
            .ToList();
        var packages = new List<PackageReport>();
        var notFound = new List<MissingPackage>();
        var queued = 0;
        progress?.Report((0, batches.Count));
        for (var i = 0; i < batches.Count; i++)
        {
            var (eco, names) = batches[i];
            var body = new ScanRequestBody
            {
                Ecosystem = eco,
                Dependencies = names.Where(n => wanted[(eco, n)].Kind != DependencyKind.Dev).ToList(),
                DevDependencies = names.Where(n => wanted[(eco, n)].Kind == DependencyKind.Dev).ToList() is { Count: > 0 } dev ? dev : null,
            };
            var result = await client.ScanAsync(body, ct);
            foreach (var p in result.Packages)
                packages.Add(new PackageReport(eco, p, DeclaredIn(eco, p.Package)));
            foreach (var name in result.NotFound.Concat(result.Unavailable ?? []).Concat(result.Invalid?.Select(x => x.Name) ?? []))
                notFound.Add(new MissingPackage(eco, name, DeclaredIn(eco, name)));
            queued += result.Discovery?.Queued ?? 0;
            progress?.Report((i + 1, batches.Count));
        }

        packages.Sort((a, b) => ScanReport.RiskOrder(a.Risk).CompareTo(ScanReport.RiskOrder(b.Risk)) is var c && c != 0
            ? c
            : string.CompareOrdinal(a.Ecosystem + "/" + a.Name, b.Ecosystem + "/" + b.Name));
        notFound.Sort((a, b) => string.CompareOrdinal(a.Ecosystem + "/" + a.Name, b.Ecosystem + "/" + b.Name));
        return new ScanReport(root, manifests, discovery.Superseded, packages, notFound, queued);

        IReadOnlyList<ManifestReport> DeclaredIn(string eco, string name) =>
            wanted.TryGetValue((eco, name), out var e) ? e.In : [];
    }
}
