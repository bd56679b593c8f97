using DepHealth.Core.Packages;

namespace DepHealth.Emulator.Upstream.Universe;

/// <summary>Draws one package's facts from its own seeded stream; the draw order is part of the output, so only append draws.</summary>
internal sealed class PackageGenerator(int seed, DateTimeOffset now, UpstreamUniverse universe)
{
    private static readonly string[] Licenses = ["MIT", "MIT", "MIT", "ISC", "Apache-2.0", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause", "MPL-2.0", "GPL-3.0"];
    private static readonly string[] Words =
        ["fast", "tiny", "robust", "modern", "simple", "streaming", "typed", "async", "parser", "client", "utility", "toolkit",
         "color", "http", "json", "cli", "test", "build", "schema", "cache", "logger", "config", "crypto", "date"];
    private static readonly string[] FirstNames = ["alex", "sam", "kim", "lee", "jo", "max", "ana", "li", "noor", "eli", "ravi", "mia"];

    public PackageFacts Generate(Ecosystem ecosystem, string name)
    {
        var key = PackageNames.Normalize(ecosystem, name);
        var rng = new SeededRandom(seed, $"package:{ecosystem.ToWire()}:{key}");
        var repo = ChooseRepository(ecosystem, name, key, rng);
        var repoFacts = repo is null ? null : universe.RepoFactsOf(repo);

        // Release history: the last release follows the repository's last commit when there is one.
        var lastCommit = repoFacts?.LastCommitAt;
        var lastPublished = lastCommit is { } lc
            ? lc - TimeSpan.FromHours(rng.Next(0, 24 * 30))
            : now - TimeSpan.FromDays(rng.LogUniform(2, 2500));
        var young = name is SpecialPackages.Young or SpecialPackages.PyYoung;
        if (young)
            lastPublished = now - TimeSpan.FromDays(2);
        var ageDays = young ? SpecialPackages.YoungAgeDays : rng.LogUniform(90, 4500);
        var created = young ? now - TimeSpan.FromDays(SpecialPackages.YoungAgeDays) : lastPublished - TimeSpan.FromDays(ageDays);
        if (created > lastPublished)
            created = lastPublished - TimeSpan.FromDays(1);
        var versions = Versions(rng, created, lastPublished, young ? 3 : (int)Math.Min(120, 1 + rng.LogUniform(1, 1 + ageDays / 20.0)));

        var deprecated = name == SpecialPackages.Deprecated || rng.Chance(0.02)
            ? (name == SpecialPackages.Deprecated ? SpecialPackages.DeprecationMessage : $"{name} is deprecated; see the project page for a replacement.")
            : null;
        if (ecosystem == Ecosystem.PyPI)
            deprecated = null; // PyPI has no deprecation field: inactivity is a classifier.

        var weekly = rng.LogUniform(20, 60_000_000);
        var direct = (long)(weekly / rng.LogUniform(40, 4000)) + rng.Next(0, 20);
        var indirect = (long)(direct * (0.1 + rng.NextDouble() * 2));
        var maintainers = Enumerable.Range(0, rng.Next(1, 5))
            .Select(i => { var who = $"{rng.Pick(FirstNames)}{rng.Next(1, 999)}"; return new Person(who, $"{who}@example.com"); })
            .DistinctBy(p => p.Name).ToArray();
        var description = $"{Capitalise(rng.Pick(Words))} {rng.Pick(Words)} {rng.Pick(Words)} for {(ecosystem == Ecosystem.Npm ? "JavaScript" : "Python")}";
        var keywords = Enumerable.Range(0, rng.Next(0, 6)).Select(_ => rng.Pick(Words)).Distinct().ToArray();
        var license = rng.Chance(0.05) ? null : rng.Pick(Licenses);
        var depCount = rng.Next(0, 9);
        var names = universe.Names(ecosystem);
        var dependencies = Enumerable.Range(0, depCount).Select(_ => rng.Pick(names)).Where(n => n != key).Distinct().Order(StringComparer.Ordinal).ToArray();
        var advisories = rng.Chance(0.08)
            ? Enumerable.Range(0, rng.Next(1, 4)).Select(_ => $"GHSA-{rng.Hex(4)}-{rng.Hex(4)}-{rng.Hex(4)}").ToArray()
            : [];

        var npm = new NpmShape(
            HasTypes: rng.Chance(0.45), ModuleType: rng.Chance(0.3) ? "module" : "commonjs", HasExports: rng.Chance(0.5),
            NodeEngine: rng.Chance(0.6) ? rng.Pick(new[] { ">=14", ">=16", ">=18", ">=20", "^18.18.0 || >=20" }) : null,
            HasInstallScript: rng.Chance(0.04));
        var size = rng.LogUniform(300, 900_000);
        var bundle = new BundleFacts(size, Math.Max(120, (long)(size * (0.25 + rng.NextDouble() * 0.15))), dependencies.Length, !rng.Chance(0.3), rng.Chance(0.5));

        var inactive = name == SpecialPackages.PyInactive;
        var status = inactive ? "7 - Inactive" : rng.Chance(0.2) ? null : rng.Pick(new[] { "3 - Alpha", "4 - Beta", "5 - Production/Stable", "5 - Production/Stable", "6 - Mature" });
        var minor = rng.Next(7, 11);
        var pythonVersions = Enumerable.Range(minor, 14 - minor).Select(m => $"3.{m}").ToArray();
        var classifiers = new List<string>();
        if (status is not null)
            classifiers.Add("Development Status :: " + status);
        classifiers.Add("Intended Audience :: Developers");
        if (license is not null)
            classifiers.Add($"License :: OSI Approved :: {license} License");
        classifiers.Add("Programming Language :: Python :: 3");
        classifiers.AddRange(pythonVersions.Select(v => "Programming Language :: Python :: " + v));
        var author = maintainers[0];
        var pypi = new PyPIShape($">=3.{minor}", status?[(status.IndexOf(" - ", StringComparison.Ordinal) + 3)..], pythonVersions, classifiers, author);

        var missing = new HashSet<UpstreamKind>();
        switch (name)
        {
            case SpecialPackages.NoBundlephobia: missing.Add(UpstreamKind.Bundlephobia); break;
            case SpecialPackages.NoDepsDev: missing.Add(UpstreamKind.DepsDev); break;
            case SpecialPackages.NoDownloads: missing.Add(UpstreamKind.NpmDownloads); break;
            case SpecialPackages.PyNoStats: missing.Add(UpstreamKind.PyPIStats); break;
            case SpecialPackages.DeletedRepository: missing.Add(UpstreamKind.GitHub); break;
        }

        return new PackageFacts
        {
            Ecosystem = ecosystem,
            Name = ecosystem == Ecosystem.Npm ? key : name,
            Description = description,
            License = license,
            Keywords = keywords,
            Versions = versions,
            LatestVersion = versions[^1].Version,
            CreatedAt = created,
            ModifiedAt = lastPublished + TimeSpan.FromMinutes(rng.Next(1, 600)),
            DeprecationMessage = deprecated,
            Maintainers = maintainers,
            Repository = repo,
            Homepage = repo is null ? null : repo.WebUrl + "#readme",
            WeeklyDownloads = weekly,
            Dependents = new DependentCounts(direct + indirect - rng.Next(0, (int)Math.Min(int.MaxValue, indirect / 10 + 1)), direct, indirect),
            Dependencies = dependencies,
            AdvisoryIds = advisories,
            Npm = npm,
            Bundle = bundle,
            PyPI = pypi,
            MissingFrom = missing,
        };
    }

    /// <summary>The repository a package points to: the first draw of its stream, so it can be known without generating the package.</summary>
    public RepoRef? RepositoryOf(Ecosystem ecosystem, string name)
    {
        var key = PackageNames.Normalize(ecosystem, name);
        return ChooseRepository(ecosystem, name, key, new SeededRandom(seed, $"package:{ecosystem.ToWire()}:{key}"));
    }

    private static RepoRef? ChooseRepository(Ecosystem ecosystem, string name, string key, SeededRandom rng)
    {
        var draw = rng.NextDouble();
        switch (name)
        {
            case SpecialPackages.Archived: return SpecialPackages.ArchivedRepo;
            case SpecialPackages.PyArchived: return SpecialPackages.PyArchivedRepo;
            case SpecialPackages.NoRepository or SpecialPackages.PyNoRepository: return null;
            case SpecialPackages.GitLab: return SpecialPackages.GitLabRepo;
            case SpecialPackages.ScopedCore or SpecialPackages.ScopedUtils: return SpecialPackages.ScopedRepo;
            case SpecialPackages.DeletedRepository: return SpecialPackages.DeletedRepo;
            case SpecialPackages.EmptyRepository: return SpecialPackages.EmptyRepo;
            case SpecialPackages.BotHeavy: return SpecialPackages.BotHeavyRepo;
        }
        if (name.StartsWith("dephealth-", StringComparison.Ordinal) && !name.StartsWith("dephealth-young", StringComparison.Ordinal))
            return new RepoRef("github.com", SpecialPackages.FixtureOwner, key);
        if (draw < 0.09)
            return null;
        var host = draw < 0.12 ? "gitlab.com" : "github.com";
        if (ecosystem == Ecosystem.Npm && key.StartsWith('@'))
        {
            var slash = key.IndexOf('/');
            return new RepoRef(host, key[1..slash], key[(slash + 1)..]);
        }
        return new RepoRef(host, key, key);
    }

    private static VersionFacts[] Versions(SeededRandom rng, DateTimeOffset first, DateTimeOffset last, int count)
    {
        var (major, minor, patch) = rng.Chance(0.5) ? (0, 1, 0) : (1, 0, 0);
        var span = (last - first).Ticks;
        var offsets = Enumerable.Range(0, count - 1).Select(_ => (long)(rng.NextDouble() * span)).Order().ToArray();
        var result = new VersionFacts[count];
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                var bump = rng.NextDouble();
                if (bump < 0.08) (major, minor, patch) = (major + 1, 0, 0);
                else if (bump < 0.35) (minor, patch) = (minor + 1, 0);
                else patch++;
            }
            var at = i == count - 1 ? last : first + TimeSpan.FromTicks(i == 0 ? 0 : offsets[i - 1]);
            at = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
            var version = $"{major}.{minor}.{patch}";
            var digest = new byte[64];
            for (var b = 0; b < digest.Length; b += 8)
                BitConverter.TryWriteBytes(digest.AsSpan(b), rng.NextUInt64());
            result[i] = new VersionFacts(version, at, rng.Hex(40), "sha512-" + Convert.ToBase64String(digest), rng.Next(3, 400), rng.LogUniform(2_000, 8_000_000));
        }
        return result;
    }

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
