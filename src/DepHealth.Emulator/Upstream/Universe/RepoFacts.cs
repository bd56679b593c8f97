namespace DepHealth.Emulator.Upstream.Universe;

/// <summary>Everything the emulated GitHub says about one repository.</summary>
public sealed class RepoFacts
{
    public required RepoRef Ref { get; init; }
    public required long Id { get; init; }
    public required string Description { get; init; }
    public required long Stars { get; init; }
    public required long Forks { get; init; }
    /// <summary>Open issues plus open pull requests, as GitHub counts them.</summary>
    public required long OpenIssues { get; init; }
    public required long Subscribers { get; init; }
    public required bool Archived { get; init; }
    /// <summary>An empty repository: commit listings answer 409.</summary>
    public required bool Empty { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required DateTimeOffset PushedAt { get; init; }
    public required string DefaultBranch { get; init; }
    public string? Language { get; init; }
    public string? LicenseSpdx { get; init; }
    public required IReadOnlyList<string> Topics { get; init; }
    /// <summary>OpenSSF scorecard deps.dev reports for this repository.</summary>
    public required ScorecardFacts Scorecard { get; init; }
    /// <summary>Commits, newest first (the last year of history).</summary>
    public required IReadOnlyList<CommitFacts> Commits { get; init; }
    /// <summary>All-time contributors, most commits first.</summary>
    public required IReadOnlyList<Contributor> Contributors { get; init; }
    /// <summary>Issues and pull requests (GitHub's issues listing holds both), newest first.</summary>
    public required IReadOnlyList<IssueFacts> Issues { get; init; }

    public DateTimeOffset? LastCommitAt => Commits.Count > 0 ? Commits[0].Date : null;

    public IEnumerable<CommitFacts> CommitsSince(DateTimeOffset since) => Commits.Where(c => c.Date >= since);
}

/// <summary>One commit; <see cref="Login"/> is null when GitHub could not link the author to an account.</summary>
public sealed record CommitFacts(string Sha, string? Login, string AuthorName, string AuthorEmail, DateTimeOffset Date, string Message);

/// <summary>A contributor and their all-time commit count.</summary>
public sealed record Contributor(string Login, long Id, int Contributions, bool IsBot);

/// <summary>An issue or (when <see cref="IsPullRequest"/>) a pull request.</summary>
public sealed record IssueFacts(
    long Id, int Number, string Title, string UserLogin, bool IsPullRequest, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt, DateTimeOffset? MergedAt, int Comments)
{
    public bool IsOpen => ClosedAt is null;
}
