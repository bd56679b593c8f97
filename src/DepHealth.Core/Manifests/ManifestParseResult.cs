using DepHealth.Core.Packages;

namespace DepHealth.Core.Manifests;

/// <summary>
/// What a manifest declares: a set of registry dependencies (unique by ecosystem and normalised name, in order
/// of first appearance), the entries that were skipped with their reasons, and non-fatal warnings.
/// </summary>
public sealed record ManifestParseResult(
    ManifestFormat Format,
    Ecosystem Ecosystem,
    IReadOnlyList<Dependency> Dependencies,
    IReadOnlyList<SkippedDependency> Skipped,
    IReadOnlyList<string> Warnings);
