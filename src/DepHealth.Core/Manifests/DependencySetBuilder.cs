using DepHealth.Core.Packages;

namespace DepHealth.Core.Manifests;

/// <summary>
/// Collects what a parser finds into a set. Rule: one entry per (ecosystem, normalised name), in order of first
/// appearance; when a name appears with several kinds the strongest wins (prod &gt; peer &gt; optional &gt; dev) and
/// so does its spec; distinct specs of equally strong entries (a lockfile holding two versions) are joined with ", ".
/// Invalid names become skipped entries carrying the validation error.
/// </summary>
internal sealed class DependencySetBuilder(ManifestFormat format)
{
    private readonly Ecosystem _ecosystem = format.Ecosystem();
    private readonly List<Dependency> _dependencies = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<SkippedDependency> _skipped = [];
    private readonly HashSet<SkippedDependency> _skippedSeen = [];
    private readonly List<string> _warnings = [];

    public ManifestFormat Format { get; } = format;

    /// <summary>Validates and normalises <paramref name="rawName"/>, then merges it into the set; false if it was skipped as invalid.</summary>
    public bool Add(string rawName, DependencyKind kind, string? spec)
    {
        spec = spec?.Trim() ?? "";
        var validation = PackageNames.Validate(_ecosystem, rawName.Trim());
        if (!validation.IsValid)
        {
            Skip(rawName, validation.Error ?? "Invalid package name", spec);
            return false;
        }

        var name = validation.Normalized;
        if (!_index.TryGetValue(name, out var at))
        {
            _index[name] = _dependencies.Count;
            _dependencies.Add(new Dependency(name, kind, _ecosystem, spec));
            return true;
        }

        var existing = _dependencies[at];
        if (kind.IsStrongerThan(existing.Kind))
            _dependencies[at] = existing with { Kind = kind, Spec = spec };
        else if (kind == existing.Kind && spec.Length > 0 && !ContainsSpec(existing.Spec, spec))
            _dependencies[at] = existing with { Spec = existing.Spec.Length == 0 ? spec : existing.Spec + ", " + spec };
        return true;
    }

    public void Skip(string name, string reason, string? spec = null)
    {
        var entry = new SkippedDependency(name, reason, spec?.Trim() ?? "");
        if (_skippedSeen.Add(entry))
            _skipped.Add(entry);
    }

    public void Warn(string warning)
    {
        if (!_warnings.Contains(warning))
            _warnings.Add(warning);
    }

    public ManifestParseResult Build() => new(Format, _ecosystem, _dependencies.ToArray(), _skipped.ToArray(), _warnings.ToArray());

    private static bool ContainsSpec(string joined, string spec)
    {
        foreach (var part in joined.Split(", "))
            if (part == spec)
                return true;
        return false;
    }
}
