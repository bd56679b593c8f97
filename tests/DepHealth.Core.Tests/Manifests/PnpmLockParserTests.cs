using DepHealth.Core.Manifests;

namespace DepHealth.Core.Tests.Manifests;

public class PnpmLockParserTests
{
    private static ManifestParseResult Parse(string text) => ManifestParser.Parse(ManifestFormat.PnpmLock, text);

    private const string V9 = """
        lockfileVersion: '9.0'

        settings:
          autoInstallPeers: true

        importers:

          .:
            dependencies:
              express:
                specifier: ^4.21.0
                version: 4.21.2
              string-width-cjs:
                specifier: npm:string-width@^4.2.0
                version: string-width@4.2.3
              my-lib:
                specifier: workspace:*
                version: link:packages/my-lib
            optionalDependencies:
              fsevents:
                specifier: ^2.3.3
                version: 2.3.3
            devDependencies:
              '@rollup/plugin-alias':
                specifier: ^6.0.0
                version: 6.0.0(rollup@4.62.4)
              vitest:
                specifier: ^3.0.0
                version: 3.0.0

          packages/my-lib:
            devDependencies:
              debug:
                specifier: ^4
                version: 4.4.0

        packages:

          '@rollup/plugin-alias@6.0.0':
            resolution: {integrity: sha512-aaa}
            peerDependencies:
              rollup: ^4

          debug@2.6.9:
            resolution: {integrity: sha512-bbb}

          debug@4.4.0:
            resolution: {integrity: sha512-ccc}

          express@4.21.2:
            resolution: {integrity: sha512-ddd}

          fsevents@2.3.3:
            resolution: {integrity: sha512-eee}

          ms@2.0.0:
            resolution: {integrity: sha512-fff}

          rollup@4.62.4:
            resolution: {integrity: sha512-ggg}

          string-width@4.2.3:
            resolution: {integrity: sha512-hhh}

          vitest@3.0.0:
            resolution: {integrity: sha512-iii}

          gitpkg@https://codeload.github.com/u/gitpkg/tar.gz/abc:
            resolution: {tarball: https://codeload.github.com/u/gitpkg/tar.gz/abc}
            version: 1.0.0

          localpkg@file:../localpkg:
            resolution: {directory: ../localpkg, type: directory}
            version: 1.0.0

        snapshots:

          '@rollup/plugin-alias@6.0.0(rollup@4.62.4)':
            dependencies:
              rollup: 4.62.4

          debug@2.6.9:
            dependencies:
              ms: 2.0.0

          debug@4.4.0: {}

          express@4.21.2:
            dependencies:
              debug: 2.6.9

          fsevents@2.3.3:
            optional: true

          ms@2.0.0: {}

          rollup@4.62.4:
            optionalDependencies:
              fsevents: 2.3.3

          string-width@4.2.3: {}

          vitest@3.0.0: {}
        """;

    [Fact]
    public void V9_reads_every_package_with_kinds_from_the_importer_graph()
    {
        var r = Parse(V9);
        Assert.Equal(["@rollup/plugin-alias", "debug", "express", "fsevents", "ms", "rollup", "string-width", "vitest"], r.Names());
        Assert.Equal(DependencyKind.Prod, r.Dep("express").Kind);
        Assert.Equal(DependencyKind.Prod, r.Dep("ms").Kind);          // express → debug → ms
        Assert.Equal(DependencyKind.Prod, r.Dep("string-width").Kind); // through the alias
        Assert.Equal(DependencyKind.Optional, r.Dep("fsevents").Kind);
        Assert.Equal(DependencyKind.Dev, r.Dep("@rollup/plugin-alias").Kind);
        Assert.Equal(DependencyKind.Dev, r.Dep("rollup").Kind);        // only under a dev dependency
        Assert.Equal(DependencyKind.Dev, r.Dep("vitest").Kind);
        Assert.Equal("6.0.0", r.Dep("@rollup/plugin-alias").Spec);
    }

    [Fact]
    public void V9_two_versions_with_different_reach_keep_the_strongest()
    {
        // debug 2.6.9 is reached from express (prod), 4.4.0 only from a workspace's devDependencies.
        var dep = Parse(V9).Dep("debug");
        Assert.Equal(DependencyKind.Prod, dep.Kind);
        Assert.Equal("2.6.9", dep.Spec);
    }

    [Fact]
    public void V9_workspace_links_git_and_directory_packages_are_skipped()
    {
        var r = Parse(V9);
        Assert.Equal("link to a local package", r.Skip("my-lib").Reason);
        Assert.Equal("resolved from a URL that is not a registry tarball", r.Skip("gitpkg").Reason);
        Assert.Equal("local path", r.Skip("localpkg").Reason);
    }

    [Fact]
    public void V6_keys_with_a_leading_slash_and_peer_suffixes_use_the_dev_flags()
    {
        var r = Parse("""
            lockfileVersion: '6.0'

            dependencies:
              express:
                specifier: ^4
                version: 4.21.2

            devDependencies:
              '@types/react-dom':
                specifier: ^18
                version: 18.2.0

            packages:

              /express@4.21.2:
                resolution: {integrity: sha512-a}
                dev: false

              /@types/react-dom@18.2.0(@types/react@18.2.0):
                resolution: {integrity: sha512-b}
                dev: true

              /fsevents@2.3.3:
                resolution: {integrity: sha512-c}
                dev: false
                optional: true

              /shared@1.0.0:
                resolution: {integrity: sha512-d}
            """);
        Assert.Equal(["express", "@types/react-dom", "fsevents", "shared"], r.Names());
        Assert.Equal(DependencyKind.Prod, r.Dep("express").Kind);
        Assert.Equal(DependencyKind.Dev, r.Dep("@types/react-dom").Kind);
        Assert.Equal("18.2.0", r.Dep("@types/react-dom").Spec);
        Assert.Equal(DependencyKind.Optional, r.Dep("fsevents").Kind);
        Assert.Equal(DependencyKind.Prod, r.Dep("shared").Kind); // no dev flag: used by both
    }

    [Fact]
    public void V5_keys_with_slash_separated_versions_are_read()
    {
        var r = Parse("""
            lockfileVersion: 5.4

            packages:

              /@babel/core/7.20.0:
                resolution: {integrity: sha512-a}
                dev: true

              /react-dom/18.2.0_react@18.2.0:
                resolution: {integrity: sha512-b}
                dev: false
            """);
        Assert.Equal(["@babel/core", "react-dom"], r.Names());
        Assert.Equal("18.2.0", r.Dep("react-dom").Spec);
        Assert.Equal(DependencyKind.Dev, r.Dep("@babel/core").Kind);
    }

    [Fact]
    public void A_lockfile_without_packages_is_an_empty_set()
    {
        var r = Parse("lockfileVersion: '9.0'\n\nimporters:\n\n  .: {}\n");
        Assert.Empty(r.Dependencies);
    }

    [Theory]
    [InlineData("settings:\n  a: 1\n", "no lockfileVersion")]
    [InlineData("lockfileVersion: '3.0'\n", "unsupported lockfileVersion '3.0'")]
    [InlineData("lockfileVersion: '9.0'\npackages: [a, b]\n", "\"packages\" is not a mapping")]
    [InlineData("lockfileVersion: '9.0'\npackages:\n  a@1: {resolution: {integrity: x}\n", "not valid YAML")]
    [InlineData("- just\n- a list\n", "the top level is not a YAML mapping")]
    public void Malformed_lockfiles_fail_with_a_clear_message(string text, string fragment)
    {
        var e = ManifestAssert.Fails(ManifestFormat.PnpmLock, text);
        Assert.Contains(fragment, e.Message);
    }
}
