namespace DepHealth.Core.Manifests;

/// <summary>A manifest or lockfile format DepHealth reads.</summary>
public enum ManifestFormat
{
    PackageJson,
    PackageLockJson,
    YarnLock,
    PnpmLock,
    RequirementsTxt,
    PyProjectToml,
    Pipfile,
}
