using DepHealth.Core.Manifests;

namespace DepHealth.Core.Tests.Manifests;

public class PipfileParserTests
{
    [Fact]
    public void Packages_are_prod_dev_packages_dev_and_vcs_or_path_entries_skipped()
    {
        var r = ManifestParser.Parse(ManifestFormat.Pipfile, """
            [[source]]
            url = "https://mirror.example/simple"
            verify_ssl = true
            name = "mirror"

            [packages]
            requests = "*"
            Django = ">=4.2"
            records = { version = "==0.5.3", extras = ["pandas"] }
            mylib = { path = "./mylib", editable = true }
            fork = { git = "https://github.com/u/fork.git", ref = "main" }

            [dev-packages]
            pytest = "~=8.0"
            requests = "*"

            [requires]
            python_version = "3.12"
            """);
        Assert.Equal(["requests", "django", "records", "pytest"], r.Names());
        Assert.Equal(DependencyKind.Prod, r.Dep("requests").Kind);
        Assert.Equal(">=4.2", r.Dep("django").Spec);
        Assert.Equal("==0.5.3", r.Dep("records").Spec);
        Assert.Equal(DependencyKind.Dev, r.Dep("pytest").Kind);
        Assert.Equal("local path", r.Skip("mylib").Reason);
        Assert.Equal("VCS requirement (git)", r.Skip("fork").Reason);
    }
}
