using DepHealth.Core.Packages;

namespace DepHealth.Core.Manifests;

/// <summary>
/// One registry package a manifest depends on. <see cref="Name"/> is normalised (npm lowercased, PyPI PEP 503);
/// <see cref="Spec"/> is the version requirement as written (a lockfile's resolved version), or empty when none.
/// </summary>
public sealed record Dependency(string Name, DependencyKind Kind, Ecosystem Ecosystem, string Spec);
