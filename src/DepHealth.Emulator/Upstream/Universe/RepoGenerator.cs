namespace DepHealth.Emulator.Upstream.Universe;

/// <summary>Draws one repository's facts from a stream keyed by its id only, so every package pointing at it sees the same repository.</summary>
internal sealed class RepoGenerator(int seed, DateTimeOffset now)
{
    private static readonly string[] Bots = ["dependabot[bot]", "renovate[bot]", "github-actions[bot]"];
    private static readonly string[] Languages = ["JavaScript", "TypeScript", "Python", "JavaScript", "TypeScript", "Python", "Rust", "C"];
    private static readonly string[] Verbs = ["Fix", "Add", "Update", "Refactor", "Remove", "Document", "Bump", "Improve"];
    private static readonly string[] Things = ["parser", "types", "README", "CI", "tests", "error handling", "docs", "build", "exports", "edge case"];

    private static readonly (string Name, string Reason)[] CheckNames =
    [
        ("Maintained", ""), ("Code-Review", "Found {0}/30 approved changesets -- score normalized to {1}"),
        ("Dangerous-Workflow", "no dangerous workflow patterns detected"), ("Binary-Artifacts", "no binaries found in the repo"),
        ("Token-Permissions", "detected GitHub workflow tokens with excessive permissions"), ("Pinned-Dependencies", "dependency not pinned by hash detected -- score normalized to {1}"),
        ("CII-Best-Practices", "no effort to earn an OpenSSF best practices badge detected"), ("License", "license file detected"),
        ("Signed-Releases", "no releases found"), ("Branch-Protection", "branch protection not enabled on development/release branches"),
        ("Security-Policy", "security policy file detected"), ("Fuzzing", "project is not fuzzed"), ("SAST", "SAST tool is not run on all commits -- score normalized to {1}"),
        ("Vulnerabilities", "{0} existing vulnerabilities detected"), ("Packaging", "packaging workflow not detected"), ("CI-Tests", "{0} out of 30 merged PRs checked by a CI test -- score normalized to {1}"),
    ];

    public RepoFacts Generate(RepoRef repo)
    {
        var rng = new SeededRandom(seed, $"repo:{repo.ProjectId.ToLowerInvariant()}");
        var special = repo.Owner == SpecialPackages.FixtureOwner ? repo.Name : "";
        var archived = special is "archived-repo" or "archived-py" || (special.Length == 0 && rng.Chance(0.03));
        var empty = special == "empty-repo";
        var botHeavy = special == "bot-heavy";

        // Activity class decides how long ago the last commit was and how busy the last year was.
        var activity = rng.NextDouble();
        if (archived)
            activity = 0.9 + activity * 0.1;
        else if (botHeavy)
            activity = 0.1;
        var (daysSinceLast, commitsPerYear) = activity switch
        {
            < 0.45 => (rng.LogUniform(1, 14), rng.LogUniform(60, 1500)),
            < 0.70 => (rng.LogUniform(15, 90), rng.LogUniform(12, 200)),
            < 0.90 => (rng.LogUniform(91, 400), rng.LogUniform(3, 60)),
            _ => (rng.LogUniform(400, 2200), rng.LogUniform(1, 20)),
        };
        var lastCommit = now - TimeSpan.FromDays(daysSinceLast) - TimeSpan.FromMinutes(rng.Next(0, 1440));
        var created = lastCommit - TimeSpan.FromDays(rng.LogUniform(200, 4500));

        var stars = rng.LogUniform(3, 120_000);
        var contributorCount = (int)Math.Min(400, rng.LogUniform(1, 2 + stars / 40.0));
        var contributors = Contributors(rng, contributorCount, botHeavy);
        var commits = empty ? [] : Commits(rng, contributors, lastCommit, (int)Math.Min(2000, commitsPerYear), botHeavy);
        if (empty)
            contributors = [];
        var issues = empty ? [] : Issues(rng, contributors, lastCommit, (int)Math.Min(400, commitsPerYear / 2 + rng.Next(0, 30)));
        var openIssues = issues.Count(i => i.IsOpen) + rng.LogUniform(1, 1 + stars / 100.0);
        var commits90 = commits.Count(c => c.Date >= now - TimeSpan.FromDays(90));

        return new RepoFacts
        {
            Ref = repo,
            Id = 10_000_000 + (long)(rng.NextUInt64() % 800_000_000),
            Description = $"{repo.Name}: {rng.Pick(Things)} and more",
            Stars = stars,
            Forks = (long)(stars * (0.03 + rng.NextDouble() * 0.25)),
            OpenIssues = openIssues,
            Subscribers = Math.Max(1, (long)(stars * (0.005 + rng.NextDouble() * 0.03))),
            Archived = archived,
            Empty = empty,
            CreatedAt = Trim(created),
            UpdatedAt = Trim(empty ? created : lastCommit + TimeSpan.FromHours(rng.Next(0, 48))),
            PushedAt = Trim(empty ? created : lastCommit),
            DefaultBranch = rng.Chance(0.7) ? "main" : "master",
            Language = empty ? null : rng.Pick(Languages),
            LicenseSpdx = rng.Chance(0.9) ? rng.Pick(new[] { "MIT", "Apache-2.0", "BSD-3-Clause", "ISC" }) : null,
            Topics = Enumerable.Range(0, rng.Next(0, 5)).Select(_ => rng.Pick(Things).Replace(' ', '-').ToLowerInvariant()).Distinct().ToArray(),
            Commits = commits,
            Contributors = contributors,
            Issues = issues,
            Scorecard = Scorecard(rng, commits90, archived),
        };
    }

    private static Contributor[] Contributors(SeededRandom rng, int count, bool botHeavy)
    {
        // A few dominant committers: contributions fall off as a power law of rank.
        var top = rng.LogUniform(20, 4000);
        var list = new List<Contributor>();
        for (var i = 0; i < count; i++)
        {
            var login = $"dev-{rng.Hex(6)}";
            list.Add(new Contributor(login, 1000 + (long)(rng.NextUInt64() % 90_000_000), Math.Max(1, (int)(top / Math.Pow(i + 1, 1.3))), false));
        }
        foreach (var bot in Bots)
        {
            if (botHeavy || rng.Chance(0.4))
                list.Add(new Contributor(bot, 49699333 + bot.Length, botHeavy ? (int)top * 2 : rng.Next(1, 200), true));
        }
        return list.OrderByDescending(c => c.Contributions).ThenBy(c => c.Login, StringComparer.Ordinal).ToArray();
    }

    private static CommitFacts[] Commits(SeededRandom rng, Contributor[] contributors, DateTimeOffset last, int count, bool botHeavy)
    {
        var humans = contributors.Where(c => !c.IsBot).ToArray();
        var bots = contributors.Where(c => c.IsBot).ToArray();
        // Cumulative weights: pick an author by binary search, weighted by all-time contributions.
        var cumulative = new double[humans.Length];
        var total = 0.0;
        for (var h = 0; h < humans.Length; h++)
            cumulative[h] = total += humans[h].Contributions;
        var commits = new CommitFacts[Math.Max(1, count)];
        for (var i = 0; i < commits.Length; i++)
        {
            var at = i == 0 ? last : last - TimeSpan.FromMinutes(rng.Next(1, 365 * 24 * 60));
            string? login;
            if (bots.Length > 0 && rng.Chance(botHeavy ? 0.75 : 0.08))
            {
                login = rng.Pick(bots).Login;
            }
            else
            {
                var k = Array.BinarySearch(cumulative, rng.NextDouble() * total);
                login = humans[Math.Min(humans.Length - 1, k < 0 ? ~k : k)].Login;
            }
            if (rng.Chance(0.04))
                login = null; // an author e-mail GitHub cannot link to an account
            var shown = login ?? $"someone{rng.Next(1, 99)}";
            var message = login is not null && login.EndsWith("[bot]", StringComparison.Ordinal)
                ? $"Bump {rng.Pick(Things).Replace(' ', '-')} from 1.{rng.Next(0, 9)}.0 to 1.{rng.Next(10, 20)}.0"
                : $"{rng.Pick(Verbs)} {rng.Pick(Things)}";
            commits[i] = new CommitFacts(rng.Hex(40), login, shown, $"{shown.Replace("[bot]", "")}@users.noreply.github.com", Trim(at), message);
        }
        return commits.OrderByDescending(c => c.Date).ThenBy(c => c.Sha, StringComparer.Ordinal).ToArray();
    }

    private IssueFacts[] Issues(SeededRandom rng, Contributor[] contributors, DateTimeOffset last, int count)
    {
        var issues = new IssueFacts[count];
        var start = Math.Min(last.ToUnixTimeSeconds(), now.ToUnixTimeSeconds());
        for (var i = 0; i < count; i++)
        {
            var created = DateTimeOffset.FromUnixTimeSeconds(start - rng.Next(0, 365 * 24 * 3600));
            var isPr = rng.Chance(0.4);
            DateTimeOffset? closed = rng.Chance(0.65) ? created + TimeSpan.FromHours(rng.LogUniform(1, 2000)) : null;
            if (closed > now)
                closed = null;
            DateTimeOffset? merged = isPr && closed is not null && rng.Chance(0.75) ? closed : null;
            var updated = closed ?? created + TimeSpan.FromHours(rng.Next(0, 200));
            if (updated > now)
                updated = now;
            var user = contributors.Length > 0 && rng.Chance(0.3) ? rng.Pick(contributors).Login : $"user-{rng.Hex(5)}";
            issues[i] = new IssueFacts(500_000_000 + (long)(rng.NextUInt64() % 1_000_000_000), 0, $"{rng.Pick(Verbs)} {rng.Pick(Things)}",
                user, isPr, created, updated, closed, merged, rng.Next(0, 25) * (rng.Chance(0.3) ? 0 : 1));
        }
        var ordered = issues.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToArray();
        var firstNumber = rng.Next(1, 3000);
        return ordered.Select((issue, n) => issue with { Number = firstNumber + n }).Reverse().ToArray();
    }

    private static ScorecardFacts Scorecard(SeededRandom rng, int commits90, bool archived)
    {
        var checks = new List<ScorecardCheck>();
        foreach (var (name, reason) in CheckNames)
        {
            if (name == "Maintained")
            {
                var score = archived ? 0 : Math.Min(10, commits90 / 3);
                checks.Add(new ScorecardCheck(name, score, archived
                    ? "project is archived"
                    : $"{commits90} commit(s) and {rng.Next(0, 40)} issue activity found in the last 90 days -- score normalized to {score}"));
                continue;
            }
            var s = rng.Chance(0.06) ? -1 : rng.Next(0, 11);
            checks.Add(new ScorecardCheck(name, s, s < 0 ? "internal error: check could not run" : string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, rng.Next(0, 30), s)));
        }
        var ran = checks.Where(c => c.Score >= 0).ToArray();
        var overall = Math.Round(ran.Average(c => c.Score), 1);
        return new ScorecardFacts(overall, checks);
    }

    private static DateTimeOffset Trim(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
