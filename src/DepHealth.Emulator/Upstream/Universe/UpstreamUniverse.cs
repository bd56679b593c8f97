using System.Collections.Concurrent;
using System.Reflection;
using DepHealth.Core.Packages;

namespace DepHealth.Emulator.Upstream.Universe;

/// <summary>
/// The seeded set of packages and repositories the emulator serves. Same seed and clock → same facts.
/// Facts are generated on first use, each from its own random stream, so a universe of thousands costs nothing until asked.
/// </summary>
public sealed class UpstreamUniverse
{
    private readonly Dictionary<string, string>[] _names; // per ecosystem: normalised → published name
    private readonly IReadOnlyList<string>[] _sorted;
    private readonly ConcurrentDictionary<string, PackageFacts> _packages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RepoFacts> _repos = new(StringComparer.OrdinalIgnoreCase);
    private readonly PackageGenerator _packageGenerator;
    private readonly RepoGenerator _repoGenerator;
    private readonly Lazy<Dictionary<string, RepoRef>> _knownRepos;

    public UpstreamUniverse(int seed, DateTimeOffset now, IEnumerable<(Ecosystem Ecosystem, string Name)> names)
    {
        Seed = seed;
        Now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        _names = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
        foreach (var (eco, name) in names.OrderBy(n => n.Name, StringComparer.Ordinal))
            _names[(int)eco].TryAdd(PackageNames.Normalize(eco, name), name);
        _sorted = [_names[0].Keys.Order(StringComparer.Ordinal).ToArray(), _names[1].Keys.Order(StringComparer.Ordinal).ToArray()];
        _repoGenerator = new RepoGenerator(seed, Now);
        _packageGenerator = new PackageGenerator(seed, Now, this);
        _knownRepos = new(FindKnownRepos, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The universe's "now": every date is relative to it (whole seconds, UTC).</summary>
    public DateTimeOffset Now { get; }

    public int Seed { get; }

    /// <summary>
    /// The standard universe: every package named in the corpus manifests (Data/corpus-packages.txt),
    /// the <see cref="SpecialPackages"/>, and <paramref name="syntheticPerEcosystem"/> generated names per ecosystem.
    /// </summary>
    public static UpstreamUniverse Create(int seed, DateTimeOffset now, int syntheticPerEcosystem = 100)
    {
        // Facts are immutable and deterministic, so emulators started with the same inputs share one universe (and its caches).
        var trimmed = now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond;
        return Shared.GetOrAdd((seed, trimmed, syntheticPerEcosystem), k => new Lazy<UpstreamUniverse>(() => Build(k.Seed, now, k.Synthetic))).Value;
    }

    private static readonly ConcurrentDictionary<(int Seed, long Now, int Synthetic), Lazy<UpstreamUniverse>> Shared = new();

    private static UpstreamUniverse Build(int seed, DateTimeOffset now, int syntheticPerEcosystem)
    {
        var names = new List<(Ecosystem, string)>(CorpusPackageNames());
        names.AddRange(SpecialPackages.Npm.Select(n => (Ecosystem.Npm, n)));
        names.AddRange(SpecialPackages.PyPI.Select(n => (Ecosystem.PyPI, n)));
        for (var i = 1; i <= syntheticPerEcosystem; i++)
        {
            names.Add((Ecosystem.Npm, SyntheticName(Ecosystem.Npm, i)));
            names.Add((Ecosystem.PyPI, SyntheticName(Ecosystem.PyPI, i)));
        }
        return new UpstreamUniverse(seed, now, names);
    }

    /// <summary>Name of the i-th (1-based) generated package: <c>synthetic-npm-0001</c>, <c>synthetic-py-0001</c>.</summary>
    public static string SyntheticName(Ecosystem ecosystem, int index) =>
        $"synthetic-{(ecosystem == Ecosystem.Npm ? "npm" : "py")}-{index:D4}";

    /// <summary>Package names of the corpus manifests, as shipped in Data/corpus-packages.txt (<c>ecosystem TAB name</c> lines).</summary>
    public static IReadOnlyList<(Ecosystem Ecosystem, string Name)> CorpusPackageNames()
    {
        using var stream = typeof(UpstreamUniverse).Assembly.GetManifestResourceStream("DepHealth.Emulator.Upstream.Data.corpus-packages.txt")
            ?? throw new InvalidOperationException("embedded corpus-packages.txt is missing");
        using var reader = new StreamReader(stream);
        var result = new List<(Ecosystem, string)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var tab = line.IndexOf('\t');
            if (tab > 0 && Ecosystems.TryParse(line[..tab], out var eco))
                result.Add((eco, line[(tab + 1)..]));
        }
        return result;
    }

    /// <summary>Normalised names of every package of <paramref name="ecosystem"/>, in ordinal order.</summary>
    public IReadOnlyList<string> Names(Ecosystem ecosystem) => _sorted[(int)ecosystem];

    public bool Contains(Ecosystem ecosystem, string name) => _names[(int)ecosystem].ContainsKey(PackageNames.Normalize(ecosystem, name));

    /// <summary>The facts of a package (name compared after normalisation), or null when no upstream knows it.</summary>
    public PackageFacts? Get(Ecosystem ecosystem, string name)
    {
        var key = PackageNames.Normalize(ecosystem, name);
        if (!_names[(int)ecosystem].TryGetValue(key, out var published))
            return null;
        return _packages.GetOrAdd(ecosystem.ToWire() + ":" + key, _ => _packageGenerator.Generate(ecosystem, published));
    }

    /// <summary>
    /// Facts of a repository on github.com or gitlab.com (owner and name compared case-insensitively), or null when the
    /// forge answers 404: only repositories some package points to exist, less the deleted one.
    /// </summary>
    public RepoFacts? GetRepo(string host, string owner, string name)
    {
        if (!_knownRepos.Value.TryGetValue($"{host}/{owner}/{name}", out var repo))
            return null;
        return RepoFactsOf(repo);
    }

    /// <summary>Generates without asking whether the forge still has the repository (packages of deleted repositories use this).</summary>
    internal RepoFacts RepoFactsOf(RepoRef repo) => _repos.GetOrAdd(repo.ProjectId, _ => _repoGenerator.Generate(repo))!;

    public RepoFacts? GetRepo(RepoRef repo) => GetRepo(repo.Host, repo.Owner, repo.Name);

    /// <summary>The repository a package's metadata points to, whether or not the forge still has it.</summary>
    public IEnumerable<RepoRef> Repositories => _knownRepos.Value.Values;

    private Dictionary<string, RepoRef> FindKnownRepos()
    {
        var repos = new Dictionary<string, RepoRef>(StringComparer.OrdinalIgnoreCase);
        foreach (var eco in (Ecosystem[])[Ecosystem.Npm, Ecosystem.PyPI])
        {
            foreach (var name in _names[(int)eco].Values)
            {
                if (_packageGenerator.RepositoryOf(eco, name) is { } r && name != SpecialPackages.DeletedRepository)
                    repos.TryAdd(r.ProjectId, r);
            }
        }
        return repos;
    }
}
