using DepHealth.Core.Packages;

namespace DepHealth.Emulator.Upstream.Universe;

/// <summary>Everything the emulated registries say about one package; tests read expected values from here.</summary>
public sealed class PackageFacts
{
    public required Ecosystem Ecosystem { get; init; }
    /// <summary>The name as published (npm: lowercase; PyPI: the display name before PEP 503 normalisation).</summary>
    public required string Name { get; init; }
    public required string Description { get; init; }
    public string? License { get; init; }
    public required IReadOnlyList<string> Keywords { get; init; }
    /// <summary>Published versions, oldest first.</summary>
    public required IReadOnlyList<VersionFacts> Versions { get; init; }
    /// <summary>The default (dist-tags.latest) version.</summary>
    public required string LatestVersion { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    /// <summary>Deprecation message of the package (npm <c>deprecated</c> on every version), or null.</summary>
    public string? DeprecationMessage { get; init; }
    public required IReadOnlyList<Person> Maintainers { get; init; }
    /// <summary>Source repository, or null for a repository-less package.</summary>
    public RepoRef? Repository { get; init; }
    public string? Homepage { get; init; }
    public required long WeeklyDownloads { get; init; }
    public required DependentCounts Dependents { get; init; }
    /// <summary>Direct runtime dependencies of the latest version (names present in the universe).</summary>
    public required IReadOnlyList<string> Dependencies { get; init; }
    public required IReadOnlyList<string> AdvisoryIds { get; init; }
    public required NpmShape Npm { get; init; }
    public required BundleFacts Bundle { get; init; }
    public required PyPIShape PyPI { get; init; }
    /// <summary>Upstreams that answer 404 for this package although it exists elsewhere.</summary>
    public required IReadOnlySet<UpstreamKind> MissingFrom { get; init; }

    public bool IsDeprecated => DeprecationMessage is not null;
    public VersionFacts Latest => Versions.First(v => v.Version == LatestVersion);
    public DateTimeOffset LastPublishedAt => Latest.PublishedAt;
    public bool IsScoped => Name.StartsWith('@');

    /// <summary>deps.dev project id (<c>github.com/o/r</c>), or null without a repository.</summary>
    public string? ProjectId => Repository?.ProjectId;

    public VersionFacts? FindVersion(string version) => Versions.FirstOrDefault(v => v.Version == version);
}

/// <summary>One published version.</summary>
public sealed record VersionFacts(string Version, DateTimeOffset PublishedAt, string Shasum, string Integrity, int FileCount, long UnpackedSize);

/// <summary>A maintainer or author.</summary>
public sealed record Person(string Name, string Email);

/// <summary>A source repository on a forge.</summary>
public sealed record RepoRef(string Host, string Owner, string Name)
{
    public bool IsGitHub => Host == "github.com";
    public string ProjectId => $"{Host}/{Owner}/{Name}";
    public string WebUrl => $"https://{Host}/{Owner}/{Name}";
    /// <summary>The form npm's <c>repository.url</c> usually holds.</summary>
    public string GitUrl => $"git+https://{Host}/{Owner}/{Name}.git";
    public string FullName => $"{Owner}/{Name}";
}

/// <summary>deps.dev v3alpha GetDependents counts.</summary>
public sealed record DependentCounts(long DependentCount, long DirectDependentCount, long IndirectDependentCount);

/// <summary>OpenSSF scorecard as deps.dev GetProject reports it.</summary>
public sealed record ScorecardFacts(double OverallScore, IReadOnlyList<ScorecardCheck> Checks);

/// <summary>One scorecard check; score -1 means the check did not run.</summary>
public sealed record ScorecardCheck(string Name, int Score, string Reason);

/// <summary>npm-only package.json fields of the latest version.</summary>
public sealed record NpmShape(bool HasTypes, string ModuleType, bool HasExports, string? NodeEngine, bool HasInstallScript);

/// <summary>bundlephobia size of the latest version.</summary>
public sealed record BundleFacts(long Size, long Gzip, int DependencyCount, bool HasSideEffects, bool HasJSModule);

/// <summary>PyPI-only metadata.</summary>
public sealed record PyPIShape(string? RequiresPython, string? DevelopmentStatus, IReadOnlyList<string> PythonVersions, IReadOnlyList<string> Classifiers, Person Author);
