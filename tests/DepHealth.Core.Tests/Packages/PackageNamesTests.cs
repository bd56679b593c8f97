using DepHealth.Core.Packages;

namespace DepHealth.Core.Tests.Packages;

public class PackageNamesTests
{
    [Theory]
    [InlineData("lodash", "lodash")]
    [InlineData("JSONStream", "jsonstream")]
    [InlineData("@Azure/Core", "@azure/core")]
    [InlineData("@_ndk/motion", "@_ndk/motion")]
    [InlineData("foo..bar", "foo..bar")]
    public void Npm_valid_names_normalise_to_lowercase(string name, string expected)
    {
        var result = PackageNames.Validate(Ecosystem.Npm, name);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(expected, result.Normalized);
    }

    [Theory]
    [InlineData("", "Empty package name")]
    [InlineData("../../etc/passwd", "Invalid package name (path traversal detected)")]
    [InlineData("/etc/passwd", "Invalid package name (path traversal detected)")]
    [InlineData("a/../b", "Invalid package name (path traversal detected)")]
    [InlineData("a/..", "Invalid package name (path traversal detected)")]
    [InlineData(".hidden", "Invalid npm package name format")]
    [InlineData("_under", "Invalid npm package name format")]
    [InlineData("{\"$gt\":\"\"}", "Invalid npm package name format")]
    [InlineData("npm#lodash", "Invalid npm package name format")]
    public void Npm_invalid_names_are_refused_with_the_original_wording(string name, string error)
    {
        var result = PackageNames.Validate(Ecosystem.Npm, name);
        Assert.False(result.IsValid);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Npm_length_limit_is_214_inclusive()
    {
        Assert.True(PackageNames.Validate(Ecosystem.Npm, new string('a', 214)).IsValid);
        var tooLong = PackageNames.Validate(Ecosystem.Npm, new string('a', 215));
        Assert.Equal("Package name too long: 215 > 214", tooLong.Error);
    }

    [Theory]
    [InlineData("python_dateutil", "python-dateutil")]
    [InlineData("Django", "django")]
    [InlineData("foo..bar", "foo-bar")]
    [InlineData("zope.interface", "zope-interface")]
    [InlineData("A", "a")]
    public void PyPI_names_normalise_per_PEP_503(string name, string expected)
    {
        var result = PackageNames.Validate(Ecosystem.PyPI, name);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(expected, result.Normalized);
    }

    [Theory]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("with space")]
    [InlineData("@scope/name")]
    public void PyPI_invalid_names_are_refused(string name)
    {
        Assert.False(PackageNames.Validate(Ecosystem.PyPI, name).IsValid);
    }

    [Fact]
    public void PyPI_length_limit_is_128()
    {
        Assert.True(PackageNames.Validate(Ecosystem.PyPI, new string('a', 128)).IsValid);
        Assert.Equal("Package name too long: 129 > 128", PackageNames.Validate(Ecosystem.PyPI, new string('a', 129)).Error);
    }

    [Theory]
    [InlineData("npm", true)]
    [InlineData("pypi", true)]
    [InlineData("NPM", false)]
    [InlineData("maven", false)]
    [InlineData(null, false)]
    public void Ecosystem_parsing_is_case_sensitive(string? wire, bool ok)
    {
        Assert.Equal(ok, Ecosystems.TryParse(wire, out _));
    }
}
