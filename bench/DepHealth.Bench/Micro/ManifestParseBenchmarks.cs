using BenchmarkDotNet.Attributes;
using DepHealth.Core.Manifests;
using DepHealth.Testing;

namespace DepHealth.Bench.Micro;

/// <summary>What parsing a corpus manifest costs, per format (the file is already in memory).</summary>
public class ManifestParseBenchmarks
{
    private string _content = "";
    private string _fileName = "";

    /// <summary>Corpus files under manifests/, one per format, the lockfiles the largest.</summary>
    [Params("npm/webpack__webpack__package.json", "npm/lockfiles/remy__nodemon__package-lock.json",
        "npm/lockfiles/webpack__webpack__yarn.lock", "npm/lockfiles/vuejs__core__pnpm-lock.yaml",
        "pypi/sigstore__sigstore-python__install__requirements.txt", "pypi/fastapi__fastapi__pyproject.toml")]
    public string Manifest { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var path = RepoPaths.CorpusFile(Path.Combine("manifests", Manifest));
        _content = File.ReadAllText(path);
        // The parsers detect the format from the file name as the repository stores it (owner__repo__name).
        _fileName = Manifest[(Manifest.LastIndexOf("__", StringComparison.Ordinal) + 2)..];
    }

    [Benchmark(Description = "parse")]
    public int Parse() => ManifestParser.Parse(_fileName, _content).Dependencies.Count;
}
