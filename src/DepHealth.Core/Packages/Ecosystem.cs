namespace DepHealth.Core.Packages;

/// <summary>A package registry DepHealth scores packages from.</summary>
public enum Ecosystem
{
    Npm,
    PyPI,
}

/// <summary>Wire names of <see cref="Ecosystem"/> ("npm", "pypi"), parsed case-sensitively like the original.</summary>
public static class Ecosystems
{
    public const string NpmName = "npm";
    public const string PyPIName = "pypi";

    public static readonly IReadOnlyList<string> Supported = [NpmName, PyPIName];

    public static string ToWire(this Ecosystem ecosystem) => ecosystem switch
    {
        Ecosystem.Npm => NpmName,
        Ecosystem.PyPI => PyPIName,
        _ => throw new ArgumentOutOfRangeException(nameof(ecosystem)),
    };

    /// <summary>Parses the wire name; the original rejects "NPM", and so do we.</summary>
    public static bool TryParse(string? value, out Ecosystem ecosystem)
    {
        switch (value)
        {
            case NpmName: ecosystem = Ecosystem.Npm; return true;
            case PyPIName: ecosystem = Ecosystem.PyPI; return true;
            default: ecosystem = default; return false;
        }
    }
}
