using DepHealth.Core.Manifests;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Tests.Manifests;

public class RequirementsTxtParserTests
{
    private static ManifestParseResult Parse(string text) => ManifestParser.Parse(ManifestFormat.RequirementsTxt, text);

    [Theory]
    [InlineData("requests==2.31.0", "requests", "==2.31.0")]
    [InlineData("requests>=2,<3", "requests", ">=2,<3")]
    [InlineData("requests ~= 2.31", "requests", "~= 2.31")]
    [InlineData("requests", "requests", "")]
    [InlineData("requests[socks]>=2", "requests", "[socks]>=2")]
    [InlineData("requests[socks, security] >= 2.0", "requests", "[socks, security] >= 2.0")]
    [InlineData("importlib-metadata; python_version < \"3.8\"", "importlib-metadata", "; python_version < \"3.8\"")]
    [InlineData("Django (>=4.2, <5)", "django", "(>=4.2, <5)")]
    [InlineData("Zope.Interface===5.0", "zope-interface", "===5.0")]
    [InlineData("ruamel.yaml.clib==0.2.8 ; platform_python_implementation == \"CPython\"", "ruamel-yaml-clib", "==0.2.8 ; platform_python_implementation == \"CPython\"")]
    public void Requirements_are_read_with_pep503_names_and_their_spec_as_written(string line, string name, string spec)
    {
        var r = Parse(line);
        Assert.Equal(new Dependency(name, DependencyKind.Prod, Ecosystem.PyPI, spec), Assert.Single(r.Dependencies));
        Assert.Empty(r.Skipped);
    }

    [Fact]
    public void Comments_blank_lines_crlf_and_continuations_are_handled()
    {
        var r = Parse(
            "# full-line comment\r\n" +
            "\r\n" +
            "flask>=3  # inline comment\r\n" +
            "celery[redis]==5.4.0 \\\r\n" +
            "    --hash=sha256:aaaa \\\r\n" +
            "    --hash=sha256:bbbb\r\n" +
            "click==8.1.7 \\\n" +
            "  ; python_version >= \"3.8\"\n" +
            "pkg # a comment after whitespace\n" +
            "anyio\\\n==4.4.0\n");
        Assert.Equal(["flask", "celery", "click", "pkg", "anyio"], r.Names());
        Assert.Equal(">=3", r.Dep("flask").Spec);
        Assert.Equal("[redis]==5.4.0", r.Dep("celery").Spec);
        Assert.Equal("==8.1.7   ; python_version >= \"3.8\"", r.Dep("click").Spec);
        Assert.Equal("==4.4.0", r.Dep("anyio").Spec);
        Assert.Empty(r.Skipped);
    }

    [Fact]
    public void Option_lines_are_ignored()
    {
        var r = Parse("""
            --index-url https://mirror.example/simple
            -i https://mirror.example/simple
            --extra-index-url https://other.example/simple
            --trusted-host mirror.example
            -f ./wheels
            --find-links=./wheels
            --pre
            --no-binary :all:
            --only-binary=:all:
            --require-hashes
            --hash=sha256:abcd
            six==1.16.0
            """);
        Assert.Equal(["six"], r.Names());
        Assert.Empty(r.Skipped);
        Assert.Empty(r.Warnings);
    }

    [Theory]
    [InlineData("-r base.txt", "-r base.txt", "included requirements file not followed")]
    [InlineData("--requirement base.txt", "--requirement base.txt", "included requirements file not followed")]
    [InlineData("--requirement=base.txt", "--requirement base.txt", "included requirements file not followed")]
    [InlineData("-rbase.txt", "-r base.txt", "included requirements file not followed")]
    [InlineData("-c constraints.txt", "-c constraints.txt", "included constraints file not followed")]
    [InlineData("--constraint constraints.txt", "--constraint constraints.txt", "included constraints file not followed")]
    public void Includes_are_not_followed_but_reported(string line, string skippedName, string reason)
    {
        var r = Parse(line + "\nsix\n");
        Assert.Equal(["six"], r.Names());
        Assert.Equal(reason, r.Skip(skippedName).Reason);
        Assert.Single(r.Warnings, w => w.StartsWith("line 1: ", StringComparison.Ordinal) && w.Contains("is not followed"));
    }

    [Theory]
    [InlineData("-e .", ".", "editable install (-e)")]
    [InlineData("-e .[socks]", ".[socks]", "editable install (-e)")]
    [InlineData("--editable ./lib", "./lib", "editable install (-e)")]
    [InlineData("-e git+https://github.com/u/proj.git#egg=proj", "proj", "editable install (-e)")]
    [InlineData("git+https://github.com/u/proj.git@v1.0#egg=proj", "proj", "VCS requirement")]
    [InlineData("git+ssh://git@github.com/u/proj.git", "git+ssh://git@github.com/u/proj.git", "VCS requirement")]
    [InlineData("hg+https://hg.example/proj#egg=proj", "proj", "VCS requirement")]
    [InlineData("https://files.example/proj-1.0.tar.gz", "https://files.example/proj-1.0.tar.gz", "URL requirement")]
    [InlineData("https://files.example/proj-1.0.tar.gz#egg=proj", "proj", "URL requirement")]
    [InlineData("./vendor/proj", "./vendor/proj", "local path")]
    [InlineData("../proj", "../proj", "local path")]
    [InlineData("/opt/wheels/proj-1.0-py3-none-any.whl", "/opt/wheels/proj-1.0-py3-none-any.whl", "local path")]
    [InlineData("proj-1.0-py3-none-any.whl", "proj-1.0-py3-none-any.whl", "local path")]
    [InlineData("proj @ https://files.example/proj-1.0.whl", "proj", "direct reference (name @ URL), not a registry version")]
    [InlineData("proj[extra] @ git+https://github.com/u/proj.git ; python_version > \"3\"", "proj", "direct reference (name @ URL), not a registry version")]
    [InlineData("proj@file:///opt/proj", "proj", "direct reference (name @ URL), not a registry version")]
    public void Non_registry_lines_are_skipped_with_a_reason(string line, string skippedName, string reason)
    {
        var r = Parse(line + "\nsix\n");
        Assert.Equal(["six"], r.Names());
        Assert.Equal(reason, r.Skip(skippedName).Reason);
    }

    [Fact]
    public void An_invalid_line_is_skipped_with_the_parse_error_while_the_rest_is_read()
    {
        var r = Parse("six\nrequests>=\nflask !! 3\n");
        Assert.Equal(["six"], r.Names());
        Assert.Equal("line 2: invalid requirement: unexpected text '>='", r.Skip("requests>=").Reason);
        Assert.StartsWith("line 3: invalid requirement:", r.Skip("flask !! 3").Reason);
    }

    [Fact]
    public void A_file_where_no_line_is_a_requirement_is_invalid()
    {
        var e = ManifestAssert.Fails(ManifestFormat.RequirementsTxt, "<html>\n<body>not found</body>\n");
        Assert.Contains("no line is a valid requirement", e.Message);
    }

    [Fact]
    public void An_empty_or_comment_only_file_is_an_empty_set()
    {
        Assert.Empty(Parse("").Dependencies);
        Assert.Empty(Parse("# nothing yet\n\n").Dependencies);
    }

    [Fact]
    public void Duplicate_requirements_merge_into_one_entry()
    {
        var r = Parse("Requests>=2\nrequests<3\nrequests_toolbelt\n");
        Assert.Equal(["requests", "requests-toolbelt"], r.Names());
        Assert.Equal(">=2, <3", r.Dep("requests").Spec);
    }
}
