namespace DepHealth.Testing;

/// <summary>Finds the repository root (the folder holding DepHealth.sln) and the shared/ folder beside it.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    /// <summary><c>../shared</c> from the repository root: DESIGN.md, reference/ and corpus/.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Corpus => Path.Combine(Shared, "corpus");

    public static string CorpusFile(params string[] parts) => Path.Combine([Corpus, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DepHealth.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DepHealth.sln not found above " + AppContext.BaseDirectory);
    }
}
