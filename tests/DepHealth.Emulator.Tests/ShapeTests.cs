using System.Text.Json;
using DepHealth.Core.Packages;
using DepHealth.Testing;

namespace DepHealth.Emulator.Tests;

/// <summary>Each endpoint's JSON has the field names of the recorded real responses in shared/corpus/upstream.</summary>
public sealed class ShapeTests
{
    private static JsonElement Corpus(string folder, string file) =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.CorpusFile("upstream", folder, file))).RootElement.Clone();

    [Fact]
    public async Task DepsDev_GetPackage_has_the_recorded_key_set()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var corpus = JsonShape.Paths(Corpus("depsdev", "edoardottt__depsdev__v3_GetPackage_npm_defangjs.json"));
        var ours = JsonShape.Paths(await http.GetJsonAsync(up.BaseUrls.DepsDev + "/v3/systems/npm/packages/chalk"));
        JsonShape.AssertContains(corpus, ours, "GetPackage");
        // and nothing the real service does not send
        var extra = ours.Where(p => !corpus.Contains(p) && !p.Contains("isDeprecated") && !p.Contains("deprecatedReason")).ToArray();
        Assert.Empty(extra);
    }

    [Fact]
    public async Task DepsDev_GetVersion_has_the_recorded_key_set_and_registries_point_at_the_emulated_npm()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var corpus = JsonShape.Paths(Corpus("depsdev", "edoardottt__depsdev__v3_GetVersion_npm_defangjs_1.0.7.json"));
        var facts = up.Universe.Get(Ecosystem.Npm, "express")!;
        var doc = await http.GetJsonAsync($"{up.BaseUrls.DepsDev}/v3/systems/npm/packages/express/versions/{facts.LatestVersion}");
        var ours = JsonShape.Paths(doc);
        JsonShape.AssertContains(corpus, ours, "GetVersion");
        Assert.Equal(up.BaseUrls.Npm + "/", doc.GetProperty("registries")[0].GetString());
        var source = doc.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("label").GetString() == "SOURCE_REPO");
        Assert.Equal(facts.Repository!.GitUrl, source.GetProperty("url").GetString());
    }

    [Fact]
    public async Task DepsDev_project_and_dependents_carry_the_fields_collectors_read()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var facts = up.Universe.Get(Ecosystem.Npm, "@babel/core")!;
        var project = await http.GetJsonAsync($"{up.BaseUrls.DepsDev}/v3/projects/{Uri.EscapeDataString(facts.ProjectId!)}");
        JsonShape.AssertContains(
            ["projectKey.id", "openIssuesCount", "starsCount", "forksCount", "license", "description", "homepage", "scorecard.date",
             "scorecard.checks[].name", "scorecard.checks[].score", "scorecard.checks[].reason", "scorecard.checks[].documentation.shortDescription",
             "scorecard.checks[].documentation.url", "scorecard.overallScore", "scorecard.repository.name", "scorecard.scorecard.version"],
            JsonShape.Paths(project), "GetProject");
        var repo = up.Universe.GetRepo(facts.Repository!)!;
        Assert.Equal(repo.Stars, project.GetProperty("starsCount").GetInt64());
        Assert.Equal(repo.Scorecard.OverallScore, project.GetProperty("scorecard").GetProperty("overallScore").GetDouble());

        var dependents = await http.GetJsonAsync($"{up.BaseUrls.DepsDev}/v3alpha/systems/npm/packages/%40babel%2Fcore/versions/{facts.LatestVersion}:dependents");
        Assert.Equal(facts.Dependents.DependentCount, dependents.GetProperty("dependentCount").GetInt64());
        Assert.Equal(facts.Dependents.DirectDependentCount, dependents.GetProperty("directDependentCount").GetInt64());
        Assert.Equal(facts.Dependents.IndirectDependentCount, dependents.GetProperty("indirectDependentCount").GetInt64());
        // dependents is v3alpha only
        Assert.Equal(404, await http.StatusAsync($"{up.BaseUrls.DepsDev}/v3/systems/npm/packages/%40babel%2Fcore/versions/{facts.LatestVersion}:dependents"));
    }

    [Fact]
    public async Task Npm_packument_per_version_and_abbreviated_documents_match_the_recorded_chalk_packument()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var corpusDoc = Corpus("npm-registry", "dependabot__dependabot-core__npm_responses__chalk.json");
        var corpus = JsonShape.Paths(corpusDoc, "versions", "time", "users", "dist-tags");
        var full = await http.GetJsonAsync(up.BaseUrls.Npm + "/chalk");
        var ours = JsonShape.Paths(full, "versions", "time", "users", "dist-tags");
        // Fields the npm collector reads (reference §4.5), present in both.
        string[] read =
        [
            "dist-tags{*}", "time{*}", "maintainers", "maintainers[].name", "repository", "repository.url", "license", "description",
            "keywords", "homepage", "versions{*}", "versions{*}.dist.tarball", "versions{*}.dist.shasum", "versions{*}.dist.integrity",
            "versions{*}.dist.fileCount", "versions{*}.dist.unpackedSize", "versions{*}.engines", "versions{*}.dependencies", "versions{*}._npmUser.name",
        ];
        JsonShape.AssertContains(read, corpus, "recorded chalk (sanity)");
        JsonShape.AssertContains(read, ours, "emulated packument");
        var unknownTopLevel = ours.Where(p => !p.Contains('.') && !p.Contains('{') && !p.Contains('[') && !corpus.Contains(p)).ToArray();
        Assert.Empty(unknownTopLevel);

        var facts = up.Universe.Get(Ecosystem.Npm, "chalk")!;
        Assert.Equal(facts.LatestVersion, full.GetProperty("dist-tags").GetProperty("latest").GetString());
        Assert.Equal(facts.Versions.Count, full.GetProperty("versions").EnumerateObject().Count());

        var latest = await http.GetJsonAsync(up.BaseUrls.Npm + "/chalk/latest");
        Assert.Equal(full.GetProperty("versions").GetProperty(facts.LatestVersion).GetRawText(), latest.GetRawText());

        var abbreviated = await http.GetJsonAsync(up.BaseUrls.Npm + "/chalk", "application/vnd.npm.install-v1+json");
        Assert.Equal(["dist-tags", "modified", "name", "versions"], abbreviated.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.False(abbreviated.GetProperty("versions").GetProperty(facts.LatestVersion).TryGetProperty("maintainers", out _));
        Assert.True(abbreviated.GetRawText().Length < full.GetRawText().Length / 2, "the abbreviated document is the small one");
    }

    [Fact]
    public async Task GitHub_repo_uses_only_recorded_field_names_and_has_every_field_collectors_read()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var corpus = JsonShape.Paths(Corpus("github-repos", "octokit__fixtures__get-repository_octokit-fixture-org_hello-world.json"));
        corpus.UnionWith(JsonShape.Paths(Corpus("github-repos", "dependabot__dependabot-core__github__business_repo.json")));
        var express = TestEmulator.GitHubRepoOf(up, "express");
        var doc = await http.GetJsonAsync($"{up.BaseUrls.GitHub}/repos/{express.FullName}");
        var ours = JsonShape.Paths(doc);
        string[] read =
        [
            "full_name", "archived", "disabled", "fork", "pushed_at", "updated_at", "created_at", "stargazers_count", "forks_count",
            "open_issues_count", "subscribers_count", "watchers_count", "default_branch", "license", "has_issues", "language", "topics",
        ];
        JsonShape.AssertContains(read, ours, "GitHub repo");
        var invented = ours.Where(p => !corpus.Contains(p) && p is not ("has_discussions" or "license.key" or "license.name" or "license.spdx_id" or "license.url" or "license.node_id")).ToArray();
        Assert.Empty(invented);
        Assert.Equal(up.Universe.GetRepo(express)!.Stars, doc.GetProperty("stargazers_count").GetInt64());
    }

    [Fact]
    public async Task GitHub_listings_have_the_fields_the_collector_reads()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var since = Uri.EscapeDataString((TestEmulator.Now - TimeSpan.FromDays(365)).ToString("O"));
        var repo = $"{up.BaseUrls.GitHub}/repos/{TestEmulator.GitHubRepoOf(up, "express").FullName}";
        JsonShape.AssertContains(["[].sha", "[].commit.author.date", "[].commit.author.name", "[].commit.message", "[].author.login", "[].author.type"],
            JsonShape.Paths(await http.GetJsonAsync($"{repo}/commits?since={since}&per_page=100")), "commits");
        JsonShape.AssertContains(["[].login", "[].contributions", "[].type"], JsonShape.Paths(await http.GetJsonAsync($"{repo}/contributors?per_page=100")), "contributors");
        JsonShape.AssertContains(["[].number", "[].state", "[].comments", "[].created_at", "[].closed_at", "[].user.login", "[].pull_request.merged_at"],
            JsonShape.Paths(await http.GetJsonAsync($"{repo}/issues?state=all&since={since}&per_page=100")), "issues");
        JsonShape.AssertContains(["[].number", "[].state", "[].created_at", "[].merged_at", "[].closed_at"],
            JsonShape.Paths(await http.GetJsonAsync($"{repo}/pulls?state=all&per_page=100")), "pulls");
    }

    [Fact]
    public async Task Bundlephobia_size_has_exactly_the_recorded_key_set()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var corpus = JsonShape.Paths(Corpus("bundlephobia", "shfshanyue__blog__bundlephobia_api_size_react@17.0.1.json"));
        var facts = up.Universe.Get(Ecosystem.Npm, "react")!;
        var doc = await http.GetJsonAsync($"{up.BaseUrls.Bundlephobia}/api/size?package=react@{facts.LatestVersion}");
        var ours = JsonShape.Paths(doc);
        ours.Remove("isModuleType"); // in bundlephobia's PackageBuildResult type, absent from the older recording
        Assert.Equal(corpus, ours);
        Assert.Equal(facts.Bundle.Gzip, doc.GetProperty("gzip").GetInt64());
    }

    [Fact]
    public async Task PyPI_json_and_pypistats_carry_the_fields_the_collector_reads()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var doc = await http.GetJsonAsync(up.BaseUrls.PyPI + "/pypi/requests/json");
        JsonShape.AssertContains(
            ["info.version", "info.author", "info.author_email", "info.maintainer", "info.classifiers", "info.project_urls", "info.home_page",
             "info.project_url", "info.license", "info.summary", "info.keywords", "info.requires_python", "info.name", "urls", "vulnerabilities",
             "releases{*}[].upload_time_iso_8601", "releases{*}[].upload_time", "releases{*}[].filename"],
            JsonShape.Paths(doc, "releases", "info.project_urls"), "PyPI JSON");
        var facts = up.Universe.Get(Ecosystem.PyPI, "requests")!;
        Assert.Equal(facts.LatestVersion, doc.GetProperty("info").GetProperty("version").GetString());

        var stats = await http.GetJsonAsync(up.BaseUrls.PyPIStats + "/api/packages/requests/recent?period=week");
        Assert.Equal(facts.WeeklyDownloads, stats.GetProperty("data").GetProperty("last_week").GetInt64());
        Assert.Equal("requests", stats.GetProperty("package").GetString());
    }

    [Fact]
    public async Task Npm_downloads_point_bulk_and_range_agree_with_the_universe()
    {
        await using var up = await TestEmulator.StartAsync();
        using var http = TestEmulator.Client();
        var chalk = up.Universe.Get(Ecosystem.Npm, "chalk")!;
        var point = await http.GetJsonAsync(up.BaseUrls.NpmDownloads + "/downloads/point/last-week/chalk");
        Assert.Equal(chalk.WeeklyDownloads, point.GetProperty("downloads").GetInt64());
        Assert.Equal("2026-11-26", point.GetProperty("end").GetString());
        Assert.Equal("2026-11-20", point.GetProperty("start").GetString());

        var bulk = await http.GetJsonAsync(up.BaseUrls.NpmDownloads + "/downloads/point/last-week/chalk,express,dephealth-missing");
        Assert.Equal(chalk.WeeklyDownloads, bulk.GetProperty("chalk").GetProperty("downloads").GetInt64());
        Assert.Equal(JsonValueKind.Null, bulk.GetProperty("dephealth-missing").ValueKind);
        Assert.Equal(400, await http.StatusAsync(up.BaseUrls.NpmDownloads + "/downloads/point/last-week/chalk,@babel/core"));

        var scoped = await http.GetJsonAsync(up.BaseUrls.NpmDownloads + "/downloads/point/last-week/@babel/core");
        Assert.Equal(up.Universe.Get(Ecosystem.Npm, "@babel/core")!.WeeklyDownloads, scoped.GetProperty("downloads").GetInt64());

        var range = await http.GetJsonAsync(up.BaseUrls.NpmDownloads + "/downloads/range/last-week/chalk");
        Assert.Equal(7, range.GetProperty("downloads").GetArrayLength());
        Assert.Equal(chalk.WeeklyDownloads, range.GetProperty("downloads").EnumerateArray().Sum(d => d.GetProperty("downloads").GetInt64()));
    }
}
