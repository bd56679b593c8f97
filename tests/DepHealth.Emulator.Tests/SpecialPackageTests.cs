using System.Text.Json;
using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream.Universe;

namespace DepHealth.Emulator.Tests;

/// <summary>The hand-shaped packages show each edge case on the wire, consistently with the universe API.</summary>
public sealed class SpecialPackageTests
{
    [Fact]
    public async Task Archived_repository()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var repo = up.Universe.Get(Ecosystem.Npm, SpecialPackages.Archived)!.Repository!;
        var doc = await http.GetJsonAsync($"{up.BaseUrls.GitHub}/repos/{repo.FullName}");
        Assert.True(doc.GetProperty("archived").GetBoolean());
        Assert.True(up.Universe.GetRepo(repo)!.Archived);
    }

    [Fact]
    public async Task Deprecated_package_carries_its_message_in_npm_and_deps_dev()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var latest = await http.GetJsonAsync($"{up.BaseUrls.Npm}/{SpecialPackages.Deprecated}/latest");
        Assert.Equal(SpecialPackages.DeprecationMessage, latest.GetProperty("deprecated").GetString());
        var pkg = await http.GetJsonAsync($"{up.BaseUrls.DepsDev}/v3/systems/npm/packages/{SpecialPackages.Deprecated}");
        Assert.All(pkg.GetProperty("versions").EnumerateArray(), v => Assert.Equal(SpecialPackages.DeprecationMessage, v.GetProperty("deprecatedReason").GetString()));
    }

    [Fact]
    public async Task Repository_less_package_has_no_repository_anywhere()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var full = await http.GetJsonAsync($"{up.BaseUrls.Npm}/{SpecialPackages.NoRepository}");
        Assert.False(full.TryGetProperty("repository", out _));
        var facts = up.Universe.Get(Ecosystem.Npm, SpecialPackages.NoRepository)!;
        var version = await http.GetJsonAsync($"{up.BaseUrls.DepsDev}/v3/systems/npm/packages/{SpecialPackages.NoRepository}/versions/{facts.LatestVersion}");
        Assert.DoesNotContain(version.GetProperty("links").EnumerateArray(), l => l.GetProperty("label").GetString() == "SOURCE_REPO");
        Assert.Equal(0, version.GetProperty("relatedProjects").GetArrayLength());
    }

    [Fact]
    public async Task GitLab_repository_is_known_to_deps_dev_and_unknown_to_GitHub()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var repo = up.Universe.Get(Ecosystem.Npm, SpecialPackages.GitLab)!.Repository!;
        Assert.Equal("gitlab.com", repo.Host);
        var project = await http.GetJsonAsync($"{up.BaseUrls.DepsDev}/v3/projects/{Uri.EscapeDataString(repo.ProjectId)}");
        Assert.Equal(up.Universe.GetRepo(repo)!.Stars, project.GetProperty("starsCount").GetInt64());
        Assert.Equal(404, await http.StatusAsync($"{up.BaseUrls.GitHub}/repos/{repo.FullName}"));
    }

    [Fact]
    public async Task Scoped_names_work_encoded_and_plain()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var encoded = await http.GetJsonAsync(up.BaseUrls.Npm + "/@dephealth%2Fscoped-core");
        var plain = await http.GetJsonAsync(up.BaseUrls.Npm + "/@dephealth/scoped-core");
        Assert.Equal(SpecialPackages.ScopedCore, encoded.GetProperty("name").GetString());
        Assert.Equal(encoded.GetRawText(), plain.GetRawText());
        var version = await http.GetJsonAsync(up.BaseUrls.Npm + "/@dephealth%2Fscoped-utils/latest");
        Assert.Equal(SpecialPackages.ScopedUtils, version.GetProperty("name").GetString());
        var depsdev = await http.GetJsonAsync(up.BaseUrls.DepsDev + "/v3/systems/npm/packages/%40dephealth%2Fscoped-core");
        Assert.Equal(SpecialPackages.ScopedCore, depsdev.GetProperty("packageKey").GetProperty("name").GetString());
        var size = await http.GetJsonAsync(up.BaseUrls.Bundlephobia + "/api/size?package=" + Uri.EscapeDataString(SpecialPackages.ScopedCore + "@" + up.Universe.Get(Ecosystem.Npm, SpecialPackages.ScopedCore)!.LatestVersion));
        Assert.True(size.GetProperty("scoped").GetBoolean());
    }

    [Fact]
    public async Task Missing_package_is_404_everywhere()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        Assert.Null(up.Universe.Get(Ecosystem.Npm, SpecialPackages.Missing));
        foreach (var url in new[]
        {
            $"{up.BaseUrls.Npm}/{SpecialPackages.Missing}", $"{up.BaseUrls.Npm}/{SpecialPackages.Missing}/latest",
            $"{up.BaseUrls.DepsDev}/v3/systems/npm/packages/{SpecialPackages.Missing}", $"{up.BaseUrls.NpmDownloads}/downloads/point/last-week/{SpecialPackages.Missing}",
            $"{up.BaseUrls.Bundlephobia}/api/size?package={SpecialPackages.Missing}", $"{up.BaseUrls.PyPI}/pypi/{SpecialPackages.PyMissing}/json",
            $"{up.BaseUrls.PyPIStats}/api/packages/{SpecialPackages.PyMissing}/recent",
        })
            Assert.True(await http.StatusAsync(url) == 404, url);
    }

    [Theory]
    [InlineData(SpecialPackages.NoBundlephobia, "bundlephobia")]
    [InlineData(SpecialPackages.NoDepsDev, "depsdev")]
    [InlineData(SpecialPackages.NoDownloads, "npm-downloads")]
    public async Task Package_missing_from_one_upstream_is_404_only_there(string name, string missingFrom)
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var urls = new Dictionary<string, string>
        {
            ["npm"] = $"{up.BaseUrls.Npm}/{name}",
            ["depsdev"] = $"{up.BaseUrls.DepsDev}/v3/systems/npm/packages/{name}",
            ["npm-downloads"] = $"{up.BaseUrls.NpmDownloads}/downloads/point/last-week/{name}",
            ["bundlephobia"] = $"{up.BaseUrls.Bundlephobia}/api/size?package={name}",
        };
        foreach (var (upstream, url) in urls)
            Assert.True(await http.StatusAsync(url) == (upstream == missingFrom ? 404 : 200), $"{upstream}: {url}");
    }

    [Fact]
    public async Task Young_package_was_created_less_than_90_days_before_the_clock()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var full = await http.GetJsonAsync($"{up.BaseUrls.Npm}/{SpecialPackages.Young}");
        var created = full.GetProperty("time").GetProperty("created").GetDateTimeOffset();
        Assert.Equal(TestEmulator.Now - TimeSpan.FromDays(SpecialPackages.YoungAgeDays), created);
        var py = await http.GetJsonAsync($"{up.BaseUrls.PyPI}/pypi/{SpecialPackages.PyYoung}/json");
        var first = py.GetProperty("releases").EnumerateObject().Min(r => r.Value[0].GetProperty("upload_time_iso_8601").GetDateTimeOffset());
        Assert.True(TestEmulator.Now - first < TimeSpan.FromDays(90));
    }

    [Fact]
    public async Task Empty_repository_answers_409_for_commits()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var repo = up.Universe.Get(Ecosystem.Npm, SpecialPackages.EmptyRepository)!.Repository!;
        Assert.Equal(200, await http.StatusAsync($"{up.BaseUrls.GitHub}/repos/{repo.FullName}"));
        Assert.Equal(409, await http.StatusAsync($"{up.BaseUrls.GitHub}/repos/{repo.FullName}/commits?per_page=100"));
        Assert.Equal(204, await http.StatusAsync($"{up.BaseUrls.GitHub}/repos/{repo.FullName}/contributors"));
    }

    [Fact]
    public async Task Bot_heavy_repository_has_mostly_bot_commits_and_ordinary_ones_have_dominant_committers()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var repo = up.Universe.Get(Ecosystem.Npm, SpecialPackages.BotHeavy)!.Repository!;
        var commits = await http.GetJsonAsync($"{up.BaseUrls.GitHub}/repos/{repo.FullName}/commits?per_page=100");
        var logins = commits.EnumerateArray().Select(c => c.GetProperty("author").ValueKind == JsonValueKind.Null ? null : c.GetProperty("author").GetProperty("login").GetString()).ToArray();
        Assert.True(logins.Length >= 20, $"only {logins.Length} commits");
        Assert.True(logins.Count(l => l is "dependabot[bot]" or "renovate[bot]" or "github-actions[bot]") > logins.Length / 2, string.Join(",", logins));

        // Across ordinary repositories the top three committers write most commits (a few dominant committers).
        var shares = up.Universe.Repositories.Take(200).Select(r => up.Universe.GetRepo(r)).OfType<RepoFacts>()
            .Where(r => r.Commits.Count >= 50)
            .Select(r => r.Commits.GroupBy(c => c.Login).Select(g => g.Count()).OrderDescending().Take(3).Sum() / (double)r.Commits.Count)
            .ToArray();
        Assert.True(shares.Length >= 10, $"only {shares.Length} busy repositories");
        Assert.True(shares.Average() > 0.5, $"top-3 share averages {shares.Average():P0}");
    }

    [Fact]
    public async Task Inactive_PyPI_package_has_the_inactive_classifier()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var doc = await http.GetJsonAsync($"{up.BaseUrls.PyPI}/pypi/{SpecialPackages.PyInactive}/json");
        Assert.Contains("Development Status :: 7 - Inactive", doc.GetProperty("info").GetProperty("classifiers").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(404, await http.StatusAsync($"{up.BaseUrls.PyPIStats}/api/packages/{SpecialPackages.PyNoStats}/recent"));
        Assert.Equal(200, await http.StatusAsync($"{up.BaseUrls.PyPI}/pypi/{SpecialPackages.PyNoStats}/json"));
    }

    [Fact]
    public void Value_ranges_are_realistic()
    {
        var u = UpstreamUniverse.Create(42, TestEmulator.Now);
        var npm = u.Names(Ecosystem.Npm).Select(n => u.Get(Ecosystem.Npm, n)!).ToArray();
        var downloads = npm.Select(p => p.WeeklyDownloads).Order().ToArray();
        Assert.InRange(downloads[0], 20, 1_000);
        Assert.True(downloads[^1] > 10_000_000, "some packages are hugely popular");
        Assert.InRange(downloads[downloads.Length / 2], 1_000, 1_000_000);
        var withRepo = npm.Count(p => p.Repository is not null);
        Assert.InRange(withRepo / (double)npm.Length, 0.8, 0.97);
        Assert.Contains(npm, p => p.IsDeprecated && p.Name != SpecialPackages.Deprecated);
    }
}
