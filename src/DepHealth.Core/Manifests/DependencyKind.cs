namespace DepHealth.Core.Manifests;

/// <summary>How a manifest declares a dependency; declared from strongest to weakest (see <see cref="DependencyKinds.IsStrongerThan"/>).</summary>
public enum DependencyKind
{
    Prod,
    Peer,
    Optional,
    Dev,
}

/// <summary>Wire names ("prod", "peer", "optional", "dev") and the strength order used to merge duplicates.</summary>
public static class DependencyKinds
{
    public static string ToWire(this DependencyKind kind) => kind switch
    {
        DependencyKind.Prod => "prod",
        DependencyKind.Peer => "peer",
        DependencyKind.Optional => "optional",
        DependencyKind.Dev => "dev",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// prod &gt; peer &gt; optional &gt; dev: a package the application needs at run time in any way outranks one
    /// it may go without, which outranks one only its developers install.
    /// </summary>
    public static bool IsStrongerThan(this DependencyKind kind, DependencyKind other) => kind < other;
}
