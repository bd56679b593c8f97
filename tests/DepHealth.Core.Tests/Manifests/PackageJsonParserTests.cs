using DepHealth.Core.Manifests;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Tests.Manifests;

public class PackageJsonParserTests
{
    private static ManifestParseResult Parse(string json) => ManifestParser.Parse(ManifestFormat.PackageJson, json);

    [Fact]
    public void Reads_all_four_sections_with_their_kinds_and_specs()
    {
        var r = Parse("""
            {"name":"app","dependencies":{"express":"^4.18.0"},"devDependencies":{"jest":"29.x"},
             "optionalDependencies":{"fsevents":"~2.3.3"},"peerDependencies":{"react":">=17"}}
            """);
        Assert.Equal(ManifestFormat.PackageJson, r.Format);
        Assert.Equal(Ecosystem.Npm, r.Ecosystem);
        Assert.Equal(["express", "react", "fsevents", "jest"], r.Names());
        Assert.Equal(new Dependency("express", DependencyKind.Prod, Ecosystem.Npm, "^4.18.0"), r.Dep("express"));
        Assert.Equal(DependencyKind.Peer, r.Dep("react").Kind);
        Assert.Equal(DependencyKind.Optional, r.Dep("fsevents").Kind);
        Assert.Equal("~2.3.3", r.Dep("fsevents").Spec);
        Assert.Equal(DependencyKind.Dev, r.Dep("jest").Kind);
        Assert.Empty(r.Skipped);
    }

    [Fact]
    public void A_name_in_several_sections_keeps_the_strongest_kind_and_its_spec()
    {
        var r = Parse("""
            {"devDependencies":{"react":"^18.2.0","typescript":"^5"},"peerDependencies":{"react":">=16"},
             "optionalDependencies":{"typescript":"*"},"dependencies":{"React":"^18.0.0"}}
            """);
        Assert.Equal(2, r.Dependencies.Count);
        Assert.Equal(new Dependency("react", DependencyKind.Prod, Ecosystem.Npm, "^18.0.0"), r.Dep("react"));
        Assert.Equal(DependencyKind.Optional, r.Dep("typescript").Kind);
    }

    [Fact]
    public void Names_are_lowercased()
    {
        var r = Parse("""{"dependencies":{"JSONStream":"^1.3.5","@Types/Node":"^20"}}""");
        Assert.Equal(["jsonstream", "@types/node"], r.Names());
    }

    [Theory]
    [InlineData("npm:@scope/bar@^1", "@scope/bar", "^1")]
    [InlineData("npm:string-width@^4.2.0", "string-width", "^4.2.0")]
    [InlineData("npm:lodash", "lodash", "")]
    public void Npm_aliases_resolve_to_the_real_package(string spec, string realName, string range)
    {
        var r = Parse($$$"""{"dependencies":{"foo":"{{{spec}}}"}}""");
        var dep = Assert.Single(r.Dependencies);
        Assert.Equal(realName, dep.Name);
        Assert.Equal(range, dep.Spec);
        Assert.Empty(r.Skipped);
    }

    [Theory]
    [InlineData("file:../local", "local path (file:)")]
    [InlineData("link:./dep", "local link (link:)")]
    [InlineData("workspace:*", "workspace package (workspace:)")]
    [InlineData("workspace:^1.0.0", "workspace package (workspace:)")]
    [InlineData("catalog:", "pnpm catalog reference (catalog:), resolved only by pnpm")]
    [InlineData("catalog:dev", "pnpm catalog reference (catalog:), resolved only by pnpm")]
    [InlineData("git+https://github.com/user/repo.git", "git dependency")]
    [InlineData("git+ssh://git@github.com:user/repo.git#v1", "git dependency")]
    [InlineData("git://github.com/user/repo.git", "git dependency")]
    [InlineData("github:user/repo", "git dependency (github:)")]
    [InlineData("gitlab:user/repo", "git dependency (gitlab:)")]
    [InlineData("bitbucket:user/repo", "git dependency (bitbucket:)")]
    [InlineData("user/repo", "git dependency (GitHub shorthand)")]
    [InlineData("user/repo#semver:^1.0", "git dependency (GitHub shorthand)")]
    [InlineData("https://example.com/pkg.tgz", "URL dependency (tarball or git over HTTP)")]
    [InlineData("http://example.com/pkg.tgz", "URL dependency (tarball or git over HTTP)")]
    [InlineData("./vendor/pkg", "local path")]
    [InlineData("../pkg", "local path")]
    [InlineData("~/pkg", "local path")]
    [InlineData("/abs/pkg", "local path")]
    public void Non_registry_specifiers_are_skipped_with_a_reason(string spec, string reason)
    {
        var r = Parse($$$"""{"dependencies":{"thing":"{{{spec}}}","ok":"^1"}}""");
        Assert.Equal(["ok"], r.Names());
        Assert.Equal(new SkippedDependency("thing", reason, spec), r.Skip("thing"));
    }

    [Theory]
    [InlineData("~1.2.3")]
    [InlineData("^1.0.0 || ^2.0.0")]
    [InlineData(">=1.0.0 <2.0.0")]
    [InlineData("latest")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("1.x")]
    public void Registry_ranges_and_tags_are_kept_as_written(string spec)
    {
        var r = Parse($$$"""{"dependencies":{"thing":"{{{spec}}}"}}""");
        Assert.Equal(spec, r.Dep("thing").Spec);
    }

    [Fact]
    public void Invalid_names_are_skipped_with_the_validation_error()
    {
        var r = Parse("""{"dependencies":{"../evil":"^1","has space":"^1","ok":"^1"}}""");
        Assert.Equal(["ok"], r.Names());
        Assert.Equal("Invalid package name (path traversal detected)", r.Skip("../evil").Reason);
        Assert.Equal("Invalid npm package name format", r.Skip("has space").Reason);
    }

    [Fact]
    public void Non_string_specifiers_and_non_object_sections_do_not_fail_the_file()
    {
        var r = Parse("""{"dependencies":{"a":1,"b":"^1"},"devDependencies":["c"]}""");
        Assert.Equal(["b"], r.Names());
        Assert.Equal("specifier in \"dependencies\" is not a string", r.Skip("a").Reason);
        Assert.Contains("\"devDependencies\" is not an object; ignored", r.Warnings);
    }

    [Fact]
    public void A_manifest_without_dependencies_is_an_empty_set()
    {
        var r = Parse("""{"name":"x","version":"1.0.0"}""");
        Assert.Empty(r.Dependencies);
        Assert.Empty(r.Skipped);
    }
}
