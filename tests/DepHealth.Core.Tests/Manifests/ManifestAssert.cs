using DepHealth.Core.Manifests;

namespace DepHealth.Core.Tests.Manifests;

/// <summary>Small helpers to read a parse result in assertions.</summary>
internal static class ManifestAssert
{
    public static Dependency Dep(this ManifestParseResult result, string name) =>
        Assert.Single(result.Dependencies, d => d.Name == name);

    public static SkippedDependency Skip(this ManifestParseResult result, string name) =>
        Assert.Single(result.Skipped, s => s.Name == name);

    public static string[] Names(this ManifestParseResult result) => result.Dependencies.Select(d => d.Name).ToArray();

    public static int Count(this ManifestParseResult result, DependencyKind kind) => result.Dependencies.Count(d => d.Kind == kind);

    public static ManifestParseException Fails(ManifestFormat format, string content, string expectedCode = ManifestErrorCodes.Invalid)
    {
        var e = Assert.Throws<ManifestParseException>(() => ManifestParser.Parse(format, content));
        Assert.Equal(expectedCode, e.Code);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        return e;
    }
}
