using System.Text.Json.Serialization;

namespace DepHealth.Core.Manifests;

/// <summary>One dependency as a JSON line: <c>{"name","kind","ecosystem","spec"}</c> (wire names of kind and ecosystem).</summary>
public sealed record DependencyJsonLine(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("ecosystem")] string Ecosystem,
    [property: JsonPropertyName("spec")] string Spec)
{
    public static DependencyJsonLine From(Dependency d) =>
        new(d.Name, d.Kind.ToWire(), Packages.Ecosystems.ToWire(d.Ecosystem), d.Spec);
}

/// <summary>One skipped entry as a JSON line: <c>{"skipped","reason","spec"}</c>; spec is omitted when empty.</summary>
public sealed record SkippedJsonLine(
    [property: JsonPropertyName("skipped")] string Skipped,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("spec")] string? Spec)
{
    public static SkippedJsonLine From(SkippedDependency s) => new(s.Name, s.Reason, s.Spec.Length == 0 ? null : s.Spec);
}
