using DepHealth.Cli.Scanning;
using DepHealth.Core.Manifests;

namespace DepHealth.Cli.Tests;

/// <summary>Manifest discovery on a real folder tree: lockfile preference, default and user excludes, depth, single files.</summary>
public sealed class ManifestDiscoveryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dephealth-discovery-").FullName;

    private void Touch(string relative, string content = "{}")
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [Fact]
    public void A_lockfile_is_preferred_over_the_package_json_beside_it()
    {
        Touch("package.json");
        Touch("package-lock.json");
        Touch("yarn.lock", "# yarn lockfile v1\n");
        Touch("web/package.json");
        var found = ManifestDiscovery.Discover(_root, recursive: true, []);
        Assert.Equal(["package-lock.json", "web/package.json"], found.Manifests.Select(m => m.RelativePath).Order());
        Assert.Equal(["package.json", "yarn.lock"], found.Superseded.Order());
        Assert.Equal(ManifestFormat.PackageLockJson, found.Manifests.Single(m => m.RelativePath == "package-lock.json").Format);
    }

    [Fact]
    public void Pnpm_and_yarn_lockfiles_supersede_package_json_too()
    {
        Touch("a/package.json");
        Touch("a/pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
        Touch("b/package.json");
        Touch("b/yarn.lock", "# yarn lockfile v1\n");
        var found = ManifestDiscovery.Discover(_root, recursive: true, []);
        Assert.Equal(["a/pnpm-lock.yaml", "b/yarn.lock"], found.Manifests.Select(m => m.RelativePath).Order());
    }

    [Fact]
    public void Default_excludes_skip_dependency_and_build_folders()
    {
        Touch("package.json");
        foreach (var folder in new[] { "node_modules/x", ".git/x", "vendor", ".venv/lib", "venv", "dist", "build" })
            Touch($"{folder}/package.json");
        Touch("services/api/requirements.txt", "requests\n");
        Touch("services/api/pyproject.toml", "[project]\nname='x'\n");
        var found = ManifestDiscovery.Discover(_root, recursive: true, []);
        Assert.Equal(["package.json", "services/api/pyproject.toml", "services/api/requirements.txt"],
            found.Manifests.Select(m => m.RelativePath).Order());
    }

    [Fact]
    public void User_globs_exclude_files_and_folders()
    {
        Touch("package.json");
        Touch("examples/demo/package.json");
        Touch("test/fixtures2/requirements.txt", "x\n");
        Touch("lib/requirements-dev.txt", "pytest\n");
        var found = ManifestDiscovery.Discover(_root, recursive: true, ["examples", "test/**", "**/requirements-dev.txt"]);
        Assert.Equal(["package.json"], found.Manifests.Select(m => m.RelativePath));
    }

    [Fact]
    public void Without_recursion_only_the_folder_itself_is_searched_and_a_file_is_taken_as_given()
    {
        Touch("requirements.txt", "x\n");
        Touch("sub/package.json");
        Assert.Equal(["requirements.txt"], ManifestDiscovery.Discover(_root, recursive: false, []).Manifests.Select(m => m.RelativePath));
        var single = ManifestDiscovery.Discover(Path.Combine(_root, "sub", "package.json"), recursive: false, []);
        Assert.Equal(ManifestFormat.PackageJson, Assert.Single(single.Manifests).Format);
        Assert.Throws<ArgumentException>(() => ManifestDiscovery.Discover(Path.Combine(_root, "nothing-here"), false, []));
    }

    [Fact]
    public void Discovery_stops_at_the_manifest_limit_and_says_so()
    {
        for (var i = 0; i < 5; i++) Touch($"p{i}/package.json");
        var found = ManifestDiscovery.Discover(_root, recursive: true, [], maxManifests: 3);
        Assert.Equal(3, found.Manifests.Count);
        Assert.True(found.Truncated);
    }

    [Theory]
    [InlineData("requirements-dev.txt", true)]
    [InlineData("dev-requirements.txt", true)]
    [InlineData("requirements_test.txt", true)]
    [InlineData("requirements/docs.txt", true)]
    [InlineData("requirements.txt", false)]
    [InlineData("requirements-device.txt", false)]
    [InlineData("requirements-prod.txt", false)]
    public void Development_requirements_files_are_recognised_by_name(string path, bool dev) =>
        Assert.Equal(dev, ManifestDiscovery.IsDevRequirementsFile(path));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
