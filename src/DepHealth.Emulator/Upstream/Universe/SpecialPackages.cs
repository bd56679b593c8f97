namespace DepHealth.Emulator.Upstream.Universe;

/// <summary>Names of the hand-shaped packages every universe holds, one per edge case the collectors must handle.</summary>
public static class SpecialPackages
{
    public const string FixtureOwner = "dephealth-fixtures";

    // npm
    /// <summary>Its GitHub repository is archived.</summary>
    public const string Archived = "dephealth-archived";
    /// <summary>Every version carries <see cref="DeprecationMessage"/>.</summary>
    public const string Deprecated = "dephealth-deprecated";
    public const string DeprecationMessage = "This package is no longer maintained. Use dephealth-modern instead.";
    /// <summary>No repository and no homepage anywhere.</summary>
    public const string NoRepository = "dephealth-no-repo";
    /// <summary>Repository on gitlab.com: deps.dev knows the project, GitHub is never asked.</summary>
    public const string GitLab = "dephealth-gitlab";
    /// <summary>Two scoped packages from one monorepo.</summary>
    public const string ScopedCore = "@dephealth/scoped-core";
    public const string ScopedUtils = "@dephealth/scoped-utils";
    /// <summary>In no upstream at all: every service answers 404.</summary>
    public const string Missing = "dephealth-missing";
    /// <summary>Everywhere except bundlephobia.</summary>
    public const string NoBundlephobia = "dephealth-no-bundlephobia";
    /// <summary>Everywhere except deps.dev.</summary>
    public const string NoDepsDev = "dephealth-no-depsdev";
    /// <summary>Everywhere except npm's download counts.</summary>
    public const string NoDownloads = "dephealth-no-downloads";
    /// <summary>Its repository was deleted: GitHub answers 404.</summary>
    public const string DeletedRepository = "dephealth-deleted-repo";
    /// <summary>First published <see cref="YoungAgeDays"/> days before the universe's clock.</summary>
    public const string Young = "dephealth-young";
    public const int YoungAgeDays = 20;
    /// <summary>Its repository has no commits: GitHub's commit listing answers 409.</summary>
    public const string EmptyRepository = "dephealth-empty-repo";
    /// <summary>Most recent commits are by dependabot[bot] and renovate[bot].</summary>
    public const string BotHeavy = "dephealth-bot-heavy";

    // PyPI
    /// <summary>Classifier <c>Development Status :: 7 - Inactive</c>.</summary>
    public const string PyInactive = "dephealth-inactive-py";
    public const string PyYoung = "dephealth-young-py";
    public const string PyNoRepository = "dephealth-no-repo-py";
    public const string PyArchived = "dephealth-archived-py";
    /// <summary>Everywhere except pypistats.</summary>
    public const string PyNoStats = "dephealth-no-pypistats";
    public const string PyMissing = "dephealth-missing-py";

    public static readonly IReadOnlyList<string> Npm =
        [Archived, Deprecated, NoRepository, GitLab, ScopedCore, ScopedUtils, NoBundlephobia, NoDepsDev, NoDownloads, DeletedRepository, Young, EmptyRepository, BotHeavy];

    public static readonly IReadOnlyList<string> PyPI = [PyInactive, PyYoung, PyNoRepository, PyArchived, PyNoStats];

    internal static readonly RepoRef ArchivedRepo = new("github.com", FixtureOwner, "archived-repo");
    internal static readonly RepoRef PyArchivedRepo = new("github.com", FixtureOwner, "archived-py");
    internal static readonly RepoRef GitLabRepo = new("gitlab.com", FixtureOwner, "gitlab-hosted");
    internal static readonly RepoRef ScopedRepo = new("github.com", FixtureOwner, "scoped");
    internal static readonly RepoRef DeletedRepo = new("github.com", FixtureOwner, "deleted-repo");
    internal static readonly RepoRef EmptyRepo = new("github.com", FixtureOwner, "empty-repo");
    internal static readonly RepoRef BotHeavyRepo = new("github.com", FixtureOwner, "bot-heavy");
}
