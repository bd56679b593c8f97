using DepHealth.Core.Collection.Collectors;
using DepHealth.Core.Collection.Http;

namespace DepHealth.Collection.Tests.Collectors;

public sealed class RepositoryUrlsTests
{
    // reference §6.6 parse_github_url
    [Theory]
    [InlineData("https://github.com/lodash/lodash", "lodash", "lodash")]
    [InlineData("git://github.com/facebook/react.git", "facebook", "react")]
    [InlineData("git+https://github.com/babel/babel.git", "babel", "babel")]
    [InlineData("git@github.com:vercel/next.js", "vercel", "next.js")]
    [InlineData("github.com/vuejs/vue", "vuejs", "vue")]
    [InlineData("https://github.com/expressjs/express.git", "expressjs", "express")]
    [InlineData("  https://github.com/axios/axios  ", "axios", "axios")]
    [InlineData("https://github.com/microsoft/TypeScript/tree/main/src", "microsoft", "TypeScript")]
    [InlineData("git+ssh://git@github.com/owner/repo.git", "owner", "repo")]
    [InlineData("https://www.github.com/owner/repo", "owner", "repo")]
    public void Parses_github_urls(string url, string owner, string name)
    {
        var repo = RepositoryUrls.ParseGitHub(url);
        Assert.NotNull(repo);
        Assert.Equal(owner, repo.Owner);
        Assert.Equal(name, repo.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("https://gitlab.com/owner/repo")]
    [InlineData("https://bitbucket.org/owner/repo")]
    [InlineData("not-a-url")]
    [InlineData("https://github.com/onlyowner")]
    // hostile: another host that mentions github.com, user-info tricks, internal addresses, odd schemes
    [InlineData("https://evil.example/github.com/owner/repo")]
    [InlineData("https://github.com.evil.example/owner/repo")]
    [InlineData("https://github.com@169.254.169.254/latest/meta-data")]
    [InlineData("http://127.0.0.1:8080/owner/repo")]
    [InlineData("http://localhost/owner/repo")]
    [InlineData("file:///github.com/owner/repo")]
    [InlineData("javascript:alert(1)//github.com/a/b")]
    [InlineData("https://github.com:8443/owner/repo")]
    [InlineData("https://github.com/owner/re%2Fpo")]
    [InlineData("https://github.com/../../admin")]
    [InlineData("https://github.com/owner/repo%00x")]
    [InlineData("https://github.com/owner/repo%0A")] // a trailing newline must not slip past the segment rule
    public void Refuses_anything_but_a_plain_github_repository(string? url) =>
        Assert.Null(RepositoryUrls.ParseGitHub(url));

    [Theory]
    [InlineData("git+https://github.com/edoardottt/defangjs.git", "https://github.com/edoardottt/defangjs")]
    [InlineData("git://github.com/sindresorhus/chalk.git", "https://github.com/sindresorhus/chalk")]
    // the original's global ".git" replace turned this into "https://github.com/x/xhub.io"
    [InlineData("https://github.com/x/x.github.io.git", "https://github.com/x/x.github.io")]
    [InlineData("sindresorhus/chalk", "https://github.com/sindresorhus/chalk")]
    [InlineData("github:sindresorhus/chalk", "https://github.com/sindresorhus/chalk")]
    public void Cleans_repository_urls_without_the_global_dot_git_quirk(string raw, string expected) =>
        Assert.Equal(expected, RepositoryUrls.Clean(raw));

    [Theory]
    [InlineData("github.com/owner/repo\n")]
    [InlineData("github.com/owner\n/repo")]
    public void Project_ids_with_a_newline_are_refused(string id) => Assert.False(RepositoryUrls.IsProjectId(id));

    [Fact]
    public void Encodes_names_per_upstream_rules()
    {
        Assert.Equal("%40babel%2Fcore", UpstreamPaths.DepsDevName("@babel/core"));
        Assert.Equal("@babel%2Fcore", UpstreamPaths.NpmRegistryName("@babel/core"));
        Assert.Equal("@babel/core", UpstreamPaths.NpmDownloadsName("@babel/core"));
        Assert.Equal("lodash", UpstreamPaths.NpmRegistryName("lodash"));
        Assert.Equal("a%3Fb%23c", UpstreamPaths.DepsDevName("a?b#c"));
        var url = UpstreamPaths.Combine(new Uri("https://mirror.example/npm/"), UpstreamPaths.NpmRegistryName("@babel/core") + "/latest");
        Assert.Equal("mirror.example", url.Host);
        Assert.Equal("/npm/@babel%2Fcore/latest", url.PathAndQuery);
    }
}
