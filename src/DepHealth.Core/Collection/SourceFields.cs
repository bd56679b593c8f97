using DepHealth.Core.Packages;

namespace DepHealth.Core.Collection;

/// <summary>
/// Which record fields each source owns, for merging fragments (a fresher non-null value wins) and for
/// keeping a failed source's previous values (only where the new record has none). No reflection.
/// </summary>
internal static class SourceFields
{
    public const string DepsDev = "deps.dev";
    public const string Npm = "npm";
    public const string PyPI = "pypi";
    public const string Bundlephobia = "bundlephobia";
    public const string GitHub = "github";

    /// <summary>Copies every non-null collected field of <paramref name="from"/> over <paramref name="to"/>.</summary>
    public static void Overlay(PackageRecord from, PackageRecord to)
    {
        to.LatestVersion = from.LatestVersion ?? to.LatestVersion;
        to.CreatedAt = from.CreatedAt ?? to.CreatedAt;
        to.LastPublished = from.LastPublished ?? to.LastPublished;
        to.WeeklyDownloads = from.WeeklyDownloads ?? to.WeeklyDownloads;
        to.DependentsCount = from.DependentsCount ?? to.DependentsCount;
        to.Stars = from.Stars ?? to.Stars;
        to.Forks = from.Forks ?? to.Forks;
        to.OpenIssues = from.OpenIssues ?? to.OpenIssues;
        to.MaintainerCount = from.MaintainerCount ?? to.MaintainerCount;
        to.Maintainers = from.Maintainers ?? to.Maintainers;
        CopyGitHub(from, to, fillOnly: false);
        to.Advisories = from.Advisories ?? to.Advisories;
        to.OpenSsfScore = from.OpenSsfScore ?? to.OpenSsfScore;
        to.OpenSsfChecks = from.OpenSsfChecks ?? to.OpenSsfChecks;
        to.IsDeprecated = from.IsDeprecated ?? to.IsDeprecated;
        to.DeprecationMessage = from.DeprecationMessage ?? to.DeprecationMessage;
        to.HasTypes = from.HasTypes ?? to.HasTypes;
        to.ModuleType = from.ModuleType ?? to.ModuleType;
        to.HasExports = from.HasExports ?? to.HasExports;
        to.Engines = from.Engines ?? to.Engines;
        CopyBundle(from, to, fillOnly: false);
        to.DependenciesDirect = from.DependenciesDirect ?? to.DependenciesDirect;
        to.RequiresPython = from.RequiresPython ?? to.RequiresPython;
        to.DevelopmentStatus = from.DevelopmentStatus ?? to.DevelopmentStatus;
        to.PythonVersions = from.PythonVersions ?? to.PythonVersions;
        to.RepositoryUrl = from.RepositoryUrl ?? to.RepositoryUrl;
        to.Licenses = from.Licenses ?? to.Licenses;
    }

    /// <summary>Keeps <paramref name="previous"/>'s values of <paramref name="source"/>'s fields where <paramref name="to"/> has none; true if anything was kept.</summary>
    public static bool FillFromPrevious(string source, PackageRecord previous, PackageRecord to)
    {
        var before = Signature(to);
        switch (source)
        {
            case DepsDev:
                to.LatestVersion ??= previous.LatestVersion;
                to.CreatedAt ??= previous.CreatedAt;
                to.LastPublished ??= previous.LastPublished;
                to.Licenses ??= previous.Licenses;
                to.Advisories ??= previous.Advisories;
                to.RepositoryUrl ??= previous.RepositoryUrl;
                to.OpenSsfScore ??= previous.OpenSsfScore;
                to.OpenSsfChecks ??= previous.OpenSsfChecks;
                to.DependentsCount ??= previous.DependentsCount;
                to.IsDeprecated ??= previous.IsDeprecated;
                to.DeprecationMessage ??= previous.DeprecationMessage;
                break;
            case Npm:
            case PyPI:
                to.WeeklyDownloads ??= previous.WeeklyDownloads;
                to.Maintainers ??= previous.Maintainers;
                to.MaintainerCount ??= previous.MaintainerCount;
                to.IsDeprecated ??= previous.IsDeprecated;
                to.DeprecationMessage ??= previous.DeprecationMessage;
                to.CreatedAt ??= previous.CreatedAt;
                to.LastPublished ??= previous.LastPublished;
                to.HasTypes ??= previous.HasTypes;
                to.ModuleType ??= previous.ModuleType;
                to.HasExports ??= previous.HasExports;
                to.Engines ??= previous.Engines;
                to.DependenciesDirect ??= previous.DependenciesDirect;
                to.RequiresPython ??= previous.RequiresPython;
                to.DevelopmentStatus ??= previous.DevelopmentStatus;
                to.PythonVersions ??= previous.PythonVersions;
                to.RepositoryUrl ??= previous.RepositoryUrl;
                break;
            case Bundlephobia:
                CopyBundle(previous, to, fillOnly: true);
                break;
            case GitHub:
                CopyGitHub(previous, to, fillOnly: true);
                break;
        }
        return Signature(to) != before;
    }

    private static void CopyBundle(PackageRecord from, PackageRecord to, bool fillOnly)
    {
        to.BundleSize = Pick(from.BundleSize, to.BundleSize, fillOnly);
        to.BundleSizeGzip = Pick(from.BundleSizeGzip, to.BundleSizeGzip, fillOnly);
        to.BundleSizeCategory = Pick(from.BundleSizeCategory, to.BundleSizeCategory, fillOnly);
        to.BundleDependencyCount = Pick(from.BundleDependencyCount, to.BundleDependencyCount, fillOnly);
    }

    private static void CopyGitHub(PackageRecord from, PackageRecord to, bool fillOnly)
    {
        to.Stars = Pick(from.Stars, to.Stars, fillOnly);
        to.Forks = Pick(from.Forks, to.Forks, fillOnly);
        to.OpenIssues = Pick(from.OpenIssues, to.OpenIssues, fillOnly);
        to.Archived = Pick(from.Archived, to.Archived, fillOnly);
        to.DaysSinceLastCommit = Pick(from.DaysSinceLastCommit, to.DaysSinceLastCommit, fillOnly);
        to.Commits90d = Pick(from.Commits90d, to.Commits90d, fillOnly);
        to.Commits90dNonBot = Pick(from.Commits90dNonBot, to.Commits90dNonBot, fillOnly);
        to.ActiveContributors90d = Pick(from.ActiveContributors90d, to.ActiveContributors90d, fillOnly);
        to.TotalContributors = Pick(from.TotalContributors, to.TotalContributors, fillOnly);
        to.TrueBusFactor = Pick(from.TrueBusFactor, to.TrueBusFactor, fillOnly);
        to.BusFactorConfidence = Pick(from.BusFactorConfidence, to.BusFactorConfidence, fillOnly);
        to.ContributionDistribution = Pick(from.ContributionDistribution, to.ContributionDistribution, fillOnly);
        to.AvgIssueResponseHours = Pick(from.AvgIssueResponseHours, to.AvgIssueResponseHours, fillOnly);
        to.PrsOpened90d = Pick(from.PrsOpened90d, to.PrsOpened90d, fillOnly);
        to.PrsMerged90d = Pick(from.PrsMerged90d, to.PrsMerged90d, fillOnly);
        to.GitHubEtags = Pick(from.GitHubEtags, to.GitHubEtags, fillOnly);
    }

    private static T? Pick<T>(T? from, T? to, bool fillOnly) where T : class =>
        fillOnly ? to ?? from : from ?? to;

    private static T? Pick<T>(T? from, T? to, bool fillOnly) where T : struct =>
        fillOnly ? to ?? from : from ?? to;

    /// <summary>Cheap change detector: which fields are set.</summary>
    private static string Signature(PackageRecord r) => string.Concat(
        Set(r.LatestVersion), Set(r.CreatedAt), Set(r.LastPublished), Set(r.Licenses), Set(r.Advisories), Set(r.RepositoryUrl),
        Set(r.OpenSsfScore), Set(r.OpenSsfChecks), Set(r.DependentsCount), Set(r.IsDeprecated), Set(r.DeprecationMessage),
        Set(r.WeeklyDownloads), Set(r.Maintainers), Set(r.MaintainerCount), Set(r.HasTypes), Set(r.ModuleType), Set(r.HasExports),
        Set(r.Engines), Set(r.DependenciesDirect), Set(r.RequiresPython), Set(r.DevelopmentStatus), Set(r.PythonVersions),
        Set(r.BundleSize), Set(r.BundleSizeGzip), Set(r.BundleSizeCategory), Set(r.BundleDependencyCount),
        Set(r.Stars), Set(r.Forks), Set(r.OpenIssues), Set(r.Archived), Set(r.DaysSinceLastCommit), Set(r.Commits90d),
        Set(r.Commits90dNonBot), Set(r.ActiveContributors90d), Set(r.TotalContributors), Set(r.TrueBusFactor),
        Set(r.BusFactorConfidence), Set(r.ContributionDistribution), Set(r.AvgIssueResponseHours), Set(r.PrsOpened90d),
        Set(r.PrsMerged90d), Set(r.GitHubEtags));

    private static char Set(object? value) => value is null ? '0' : '1';
}
