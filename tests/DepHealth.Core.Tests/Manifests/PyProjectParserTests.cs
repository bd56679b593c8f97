using DepHealth.Core.Manifests;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Tests.Manifests;

public class PyProjectParserTests
{
    private static ManifestParseResult Parse(string text) => ManifestParser.Parse(ManifestFormat.PyProjectToml, text);

    [Fact]
    public void Pep621_dependencies_and_optional_dependencies()
    {
        var r = Parse("""
            [build-system]
            requires = ["hatchling"]

            [project]
            name = "my_app"
            dependencies = [
                "httpx[http2]>=0.27",
                "Typing_Extensions; python_version < '3.11'",
            ]

            [project.optional-dependencies]
            cli = ["click==8.*", "rich"]
            all = ["my-app[cli]", "httpx"]
            """);
        Assert.Equal(Ecosystem.PyPI, r.Ecosystem);
        Assert.Equal(["httpx", "typing-extensions", "click", "rich"], r.Names());
        Assert.Equal(new Dependency("httpx", DependencyKind.Prod, Ecosystem.PyPI, "[http2]>=0.27"), r.Dep("httpx"));
        Assert.Equal("; python_version < '3.11'", r.Dep("typing-extensions").Spec);
        Assert.Equal(DependencyKind.Optional, r.Dep("click").Kind);
        Assert.Equal("refers to this project itself (its own extras)", r.Skip("my-app").Reason);
        Assert.DoesNotContain("hatchling", r.Names()); // build requirements are not run-time dependencies
    }

    [Fact]
    public void Dependency_groups_are_dev_and_include_group_entries_are_safe()
    {
        var r = Parse("""
            [project]
            name = "app"
            dependencies = ["anyio"]

            [dependency-groups]
            test = ["pytest>=8", "anyio[trio]"]
            lint = ["ruff"]
            dev = [{ include-group = "test" }, { include-group = "lint" }, "ipython"]
            cycle-a = [{ include-group = "cycle-b" }]
            cycle-b = [{ include-group = "cycle-a" }]
            broken = [{ include-group = "missing" }, { something-else = 1 }]
            """);
        Assert.Equal(["anyio", "pytest", "ruff", "ipython"], r.Names());
        Assert.Equal(DependencyKind.Prod, r.Dep("anyio").Kind);
        Assert.Equal(DependencyKind.Dev, r.Dep("pytest").Kind);
        Assert.Equal(DependencyKind.Dev, r.Dep("ipython").Kind);
        Assert.Contains("[dependency-groups] broken: includes unknown group 'missing'", r.Warnings);
        Assert.Contains("[dependency-groups] broken: a table entry without include-group; ignored", r.Warnings);
        Assert.Equal(2, r.Warnings.Count);
    }

    [Fact]
    public void Poetry_dependencies_groups_and_legacy_dev_dependencies()
    {
        var r = Parse("""
            [tool.poetry]
            name = "poetry-app"

            [tool.poetry.dependencies]
            python = "^3.10"
            requests = "^2.31"
            pendulum = { version = "^3.0", extras = ["test"] }
            psycopg = { version = "^3.1", optional = true }
            numpy = [
                { version = "<2", python = "<3.9" },
                { version = ">=2", python = ">=3.9" },
            ]
            my-fork = { git = "https://github.com/u/my-fork.git", branch = "main" }
            local-lib = { path = "../local-lib", develop = true }
            wheel-dep = { url = "https://files.example/wheel_dep-1.0-py3-none-any.whl" }

            [tool.poetry.group.test.dependencies]
            pytest = "^8"

            [tool.poetry.group.main.dependencies]
            attrs = "*"

            [tool.poetry.dev-dependencies]
            black = "^24"
            requests = "*"
            """);
        Assert.Equal(["requests", "pendulum", "psycopg", "numpy", "black", "pytest", "attrs"], r.Names());
        Assert.DoesNotContain("python", r.Names());
        Assert.Equal(new Dependency("requests", DependencyKind.Prod, Ecosystem.PyPI, "^2.31"), r.Dep("requests"));
        Assert.Equal("^3.0", r.Dep("pendulum").Spec);
        Assert.Equal(DependencyKind.Optional, r.Dep("psycopg").Kind);
        Assert.Equal("<2 | >=2", r.Dep("numpy").Spec);
        Assert.Equal(DependencyKind.Dev, r.Dep("black").Kind);
        Assert.Equal(DependencyKind.Dev, r.Dep("pytest").Kind);
        Assert.Equal(DependencyKind.Prod, r.Dep("attrs").Kind);
        Assert.Equal("VCS requirement (git)", r.Skip("my-fork").Reason);
        Assert.Equal("local path", r.Skip("local-lib").Reason);
        Assert.Equal("URL requirement", r.Skip("wheel-dep").Reason);
    }

    [Fact]
    public void Direct_references_and_invalid_pep508_strings_are_skipped()
    {
        var r = Parse("""
            [project]
            name = "app"
            dependencies = ["pkg @ https://files.example/pkg-1.0.tar.gz", "not valid !!", "ok"]
            """);
        Assert.Equal(["ok"], r.Names());
        Assert.Equal("direct reference (name @ URL), not a registry version", r.Skip("pkg").Reason);
        Assert.StartsWith("invalid requirement: ", r.Skip("not valid !!").Reason);
    }

    [Fact]
    public void Dynamic_dependencies_are_reported_as_a_warning()
    {
        var r = Parse("""
            [project]
            name = "app"
            dynamic = ["version", "dependencies"]
            """);
        Assert.Empty(r.Dependencies);
        Assert.Contains(r.Warnings, w => w.Contains("dynamic"));
    }

    [Fact]
    public void Wrongly_typed_sections_are_warnings_not_crashes()
    {
        var r = Parse("""
            [project]
            name = "app"
            dependencies = "requests"

            [project.optional-dependencies]
            x = [1, "rich"]
            """);
        Assert.Equal(["rich"], r.Names());
        Assert.Contains("[project] dependencies is not an array; ignored", r.Warnings);
        Assert.Contains("[project.optional-dependencies] x holds a non-string entry; ignored", r.Warnings);
    }

    [Theory]
    [InlineData("[project\nname = 'x'")]
    [InlineData("[project]\ndependencies = [\"a\",")]
    [InlineData("[project]\nname = \"unterminated\n")]
    [InlineData("[project]\nname = x y\n")]
    [InlineData("= 1")]
    public void Invalid_toml_fails_with_a_clear_message(string text)
    {
        var e = ManifestAssert.Fails(ManifestFormat.PyProjectToml, text);
        Assert.StartsWith("Invalid pyproject.toml: not valid TOML", e.Message);
    }
}
