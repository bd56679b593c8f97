using DepHealth.Core.Manifests;

namespace DepHealth.Core.Tests.Manifests;

public class PackageLockParserTests
{
    private static ManifestParseResult Parse(string json) => ManifestParser.Parse(ManifestFormat.PackageLockJson, json);

    private const string V3 = """
        {
          "name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
          "packages": {
            "": {"name": "app", "version": "1.0.0", "dependencies": {"express": "^4"}},
            "node_modules/express": {"version": "4.21.2", "resolved": "https://registry.example/express/-/express-4.21.2.tgz"},
            "node_modules/jest": {"version": "29.7.0", "dev": true, "resolved": "https://registry.example/jest/-/jest-29.7.0.tgz"},
            "node_modules/fsevents": {"version": "2.3.3", "optional": true},
            "node_modules/react": {"version": "18.3.1", "peer": true},
            "node_modules/typescript": {"version": "5.6.3", "devOptional": true},
            "node_modules/express/node_modules/debug": {"version": "2.6.9"},
            "node_modules/debug": {"version": "4.3.7", "dev": true},
            "node_modules/string-width-cjs": {"name": "string-width", "version": "4.2.3"},
            "node_modules/@scope/Pkg": {"version": "1.0.0"},
            "node_modules/local-lib": {"resolved": "packages/local-lib", "link": true},
            "packages/local-lib": {"name": "local-lib", "version": "0.0.1"},
            "node_modules/from-git": {"version": "1.0.0", "resolved": "git+ssh://git@github.com/u/from-git.git#abc"},
            "node_modules/from-tarball": {"version": "1.0.0", "resolved": "https://github.com/u/r/tarball/v1"},
            "node_modules/from-file": {"version": "1.0.0", "resolved": "file:../from-file"}
          }
        }
        """;

    [Fact]
    public void Reads_every_installed_package_with_flags_as_kinds()
    {
        var r = Parse(V3);
        Assert.Equal(["express", "jest", "fsevents", "react", "typescript", "debug", "string-width", "@scope/pkg"], r.Names());
        Assert.Equal(DependencyKind.Prod, r.Dep("express").Kind);
        Assert.Equal("4.21.2", r.Dep("express").Spec);
        Assert.Equal(DependencyKind.Dev, r.Dep("jest").Kind);
        Assert.Equal(DependencyKind.Optional, r.Dep("fsevents").Kind);
        Assert.Equal(DependencyKind.Peer, r.Dep("react").Kind);
        Assert.Equal(DependencyKind.Optional, r.Dep("typescript").Kind);
    }

    [Fact]
    public void A_nested_copy_counts_once_with_its_strongest_kind()
    {
        // debug 2.6.9 is a prod transitive of express, 4.3.7 a dev one: prod wins, with its version.
        var dep = Parse(V3).Dep("debug");
        Assert.Equal(DependencyKind.Prod, dep.Kind);
        Assert.Equal("2.6.9", dep.Spec);
    }

    [Fact]
    public void Aliases_use_the_name_field_and_the_root_and_workspace_folders_are_not_packages()
    {
        var r = Parse(V3);
        Assert.Contains("string-width", r.Names());
        Assert.DoesNotContain("string-width-cjs", r.Names());
        Assert.DoesNotContain("app", r.Names());
        Assert.DoesNotContain("local-lib", r.Names());
    }

    [Fact]
    public void Links_and_non_registry_resolutions_are_skipped()
    {
        var r = Parse(V3);
        Assert.Equal("link to a local package", r.Skip("local-lib").Reason);
        Assert.Equal("git dependency", r.Skip("from-git").Reason);
        Assert.Equal("resolved from a URL that is not a registry tarball", r.Skip("from-tarball").Reason);
        Assert.Equal("local path (file:)", r.Skip("from-file").Reason);
        Assert.Equal(4, r.Skipped.Count);
    }

    [Fact]
    public void Lockfile_v1_dependency_tree_is_walked()
    {
        var r = Parse("""
            {"name":"app","lockfileVersion":1,"dependencies":{
              "express":{"version":"4.17.1","dependencies":{"debug":{"version":"2.6.9"}}},
              "mocha":{"version":"10.0.0","dev":true,"dependencies":{"debug":{"version":"4.3.4","dev":true}}},
              "cjs":{"version":"npm:strip-ansi@6.0.1"},
              "gitdep":{"version":"git+https://github.com/u/gitdep.git#abc"},
              "fsevents":{"version":"2.3.2","optional":true}
            }}
            """);
        Assert.Equal(["express", "mocha", "strip-ansi", "fsevents", "debug"], r.Names());
        Assert.Equal(DependencyKind.Prod, r.Dep("debug").Kind);
        Assert.Equal("2.6.9", r.Dep("debug").Spec);
        Assert.Equal(DependencyKind.Dev, r.Dep("mocha").Kind);
        Assert.Equal("6.0.1", r.Dep("strip-ansi").Spec);
        Assert.Equal(DependencyKind.Optional, r.Dep("fsevents").Kind);
        Assert.Equal("git dependency", r.Skip("gitdep").Reason);
    }

    [Fact]
    public void A_lockfile_without_packages_or_dependencies_is_invalid()
    {
        var e = ManifestAssert.Fails(ManifestFormat.PackageLockJson, """{"lockfileVersion":3}""");
        Assert.Contains("neither a \"packages\" nor a \"dependencies\" object", e.Message);
    }
}
