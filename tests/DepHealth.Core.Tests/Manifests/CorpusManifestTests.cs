using DepHealth.Core.Manifests;
using DepHealth.Testing;

namespace DepHealth.Core.Tests.Manifests;

/// <summary>
/// Real manifests from shared/corpus/manifests. Expected sets were counted outside this code base, with jq and
/// python3 (json, tomllib, PyYAML) applying the documented rule: one entry per lowercased (npm) or PEP 503 (PyPI)
/// name, strongest kind prod &lt; peer &lt; optional &lt; dev, non-registry entries left out. For example:
/// package.json:  jq '[(.dependencies//{}|keys[]|{n:.,k:0}),(.peerDependencies//{}|keys[]|{n:.,k:1}),
///   (.optionalDependencies//{}|keys[]|{n:.,k:2}),(.devDependencies//{}|keys[]|{n:.,k:3})]
///   |group_by(.n|ascii_downcase)|map(min_by(.k).k)|group_by(.)|map({(.[0]|tostring):length})|add'
///   (minus the entries whose value starts with file:/workspace:/catalog:/git/http or contains '/')
/// package-lock.json:  jq '[.packages|to_entries[]|select((.key|contains("node_modules/")) and (.value.link|not)
///   and ((.value.resolved//"/-/")|contains("/-/")))|{n:((.value.name//(.key|split("node_modules/")|last))|ascii_downcase),
///   k:(if .value.dev then 3 elif .value.peer then 1 elif (.value.optional or .value.devOptional) then 2 else 0 end)}]
///   |group_by(.n)|map(min_by(.k).k)|group_by(.)|map({(.[0]|tostring):length})|add'
/// yarn.lock v1: python3 splitting each unindented header on ", " and the descriptor at its first '@' after index 0
///   (npm: aliases to their target; ranges with ':' or '/' left out); berry: yaml.safe_load, the name of each
///   "resolution" whose protocol is npm: or patch:.
/// pnpm-lock.yaml: yaml.safe_load, names of the "packages" keys; kinds by a breadth-first walk of "snapshots" from
///   the importers' dependencies, then optionalDependencies, then devDependencies.
/// pyproject.toml: tomllib, the first PEP 508 name token of each string in [project] dependencies, optional-dependencies
///   (minus the project itself) and [dependency-groups]. requirements: every non-option line's first name token.
/// </summary>
public class CorpusManifestTests
{
    public static TheoryData<string> AllCorpusManifests()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.CorpusFile("manifests"), "*", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(RepoPaths.CorpusFile("manifests"), file));
        return data;
    }

    private static ManifestParseResult ParseCorpus(string relative)
    {
        var path = RepoPaths.CorpusFile("manifests", relative);
        return ManifestParser.Parse(Path.GetFileName(path), File.ReadAllText(path));
    }

    [Theory]
    [MemberData(nameof(AllCorpusManifests))]
    public void Every_corpus_manifest_parses_by_its_file_name_and_by_its_content_alone(string relative)
    {
        var byName = ParseCorpus(relative);
        var content = File.ReadAllText(RepoPaths.CorpusFile("manifests", relative));
        var byContent = ManifestParser.Parse(null, content);
        Assert.Equal(byName.Format, byContent.Format);
        Assert.Equal(byName.Dependencies, byContent.Dependencies);
        Assert.All(byName.Dependencies, d => Assert.Equal(byName.Ecosystem, d.Ecosystem));
        Assert.Equal(byName.Dependencies.Count, byName.Dependencies.Select(d => d.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("npm/expressjs__express__package.json", 28, 0, 0, 16, 0)]
    [InlineData("npm/eslint__eslint__package.json", 30, 1, 0, 55, 2)]
    [InlineData("npm/vitejs__vite__packages__vite__package.json", 5, 12, 1, 51, 0)]
    [InlineData("npm/nuxt__nuxt__package.json", 0, 0, 0, 0, 65)]
    [InlineData("npm/lockfiles/axios__axios__package-lock.json", 8, 0, 0, 1343, 0)]
    [InlineData("npm/lockfiles/markedjs__marked__package-lock.json", 0, 0, 0, 511, 1)]
    [InlineData("npm/lockfiles/mochajs__mocha__package-lock.json", 29, 0, 0, 593, 1)]
    [InlineData("npm/lockfiles/remy__nodemon__package-lock.json", 31, 0, 1, 547, 0)]
    [InlineData("npm/lockfiles/webpack__webpack__yarn.lock", 1217, 0, 0, 0, 1)]
    [InlineData("npm/lockfiles/prettier__prettier__yarn.lock", 917, 0, 0, 0, 1)]
    [InlineData("npm/lockfiles/vuejs__core__pnpm-lock.yaml", 32, 0, 1, 530, 14)]
    [InlineData("pypi/fastapi__fastapi__pyproject.toml", 5, 0, 11, 39, 0)]
    [InlineData("pypi/pallets__flask__pyproject.toml", 6, 0, 2, 18, 0)]
    [InlineData("pypi/psf__requests__pyproject.toml", 4, 0, 2, 11, 1)]
    [InlineData("pypi/encode__httpx__pyproject.toml", 4, 0, 8, 0, 0)]
    [InlineData("pypi/sigstore__sigstore-python__install__requirements.txt", 32, 0, 0, 0, 0)]
    [InlineData("pypi/encode__httpx__requirements.txt", 15, 0, 0, 0, 1)]
    [InlineData("pypi/pallets__flask__examples__celery__requirements.txt", 21, 0, 0, 0, 0)]
    public void Corpus_manifests_have_the_independently_counted_sets(string relative, int prod, int peer, int optional, int dev, int skipped)
    {
        var r = ParseCorpus(relative);
        Assert.Equal(
            (prod, peer, optional, dev, skipped),
            (r.Count(DependencyKind.Prod), r.Count(DependencyKind.Peer), r.Count(DependencyKind.Optional), r.Count(DependencyKind.Dev), r.Skipped.Count));
    }

    [Fact]
    public void Express_package_json_exact_prod_set()
    {
        var r = ParseCorpus("npm/expressjs__express__package.json");
        string[] prod = ["accepts", "body-parser", "content-disposition", "content-type", "cookie", "cookie-signature", "debug",
            "depd", "encodeurl", "escape-html", "etag", "finalhandler", "fresh", "http-errors", "merge-descriptors", "mime-types",
            "on-finished", "once", "parseurl", "proxy-addr", "qs", "range-parser", "router", "send", "serve-static", "statuses",
            "type-is", "vary"];
        Assert.Equal(prod, r.Dependencies.Where(d => d.Kind == DependencyKind.Prod).Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal(DependencyKind.Dev, r.Dep("vhost").Kind);
        Assert.Equal("~3.0.2", r.Dep("vhost").Spec);
    }

    [Fact]
    public void Axios_lockfile_exact_prod_set()
    {
        var r = ParseCorpus("npm/lockfiles/axios__axios__package-lock.json");
        Assert.Equal(
            ["asynckit", "combined-stream", "delayed-stream", "follow-redirects", "form-data", "mime-db", "mime-types", "proxy-from-env"],
            r.Dependencies.Where(d => d.Kind == DependencyKind.Prod).Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal("4.1.0, 3.14.1", r.Dep("js-yaml").Spec); // jq: nested copies are 4.1.0, the top-level one 3.14.1
        Assert.DoesNotContain("axios", r.Names()); // the root project
    }

    [Fact]
    public void Marked_lockfile_skips_the_github_tarball_alias()
    {
        var r = ParseCorpus("npm/lockfiles/markedjs__marked__package-lock.json");
        var skipped = Assert.Single(r.Skipped);
        Assert.Equal("marked", skipped.Name);
        Assert.Equal("https://github.com/markedjs/marked/tarball/v18.0.0", skipped.Spec);
    }

    [Fact]
    public void Webpack_yarn_classic_resolves_aliases_and_skips_the_github_shorthand()
    {
        var r = ParseCorpus("npm/lockfiles/webpack__webpack__yarn.lock");
        Assert.Contains("string-width", r.Names());
        Assert.Contains("react-is", r.Names());
        Assert.DoesNotContain("string-width-cjs", r.Names());
        Assert.DoesNotContain("react-is-18", r.Names());
        Assert.Equal("4.18.1", r.Dep("lodash").Spec);
        Assert.Equal("git dependency (GitHub shorthand)", r.Skip("tooling").Reason);
    }

    [Fact]
    public void Prettier_yarn_berry_keeps_patched_packages_and_skips_the_workspace()
    {
        var r = ParseCorpus("npm/lockfiles/prettier__prettier__yarn.lock");
        Assert.Equal("6.0.3", r.Dep("typescript").Spec);
        Assert.Equal("2.3.3", r.Dep("fsevents").Spec);
        Assert.Equal("8.0.0, 7.29.7", r.Dep("@babel/code-frame").Spec);
        Assert.Equal("workspace package (workspace:)", r.Skip("prettier").Reason);
    }

    [Fact]
    public void Vue_pnpm_lock_kinds_follow_the_importer_graph()
    {
        var r = ParseCorpus("npm/lockfiles/vuejs__core__pnpm-lock.yaml");
        Assert.Equal(563, r.Dependencies.Count);
        foreach (var prod in (string[])["@babel/parser", "@vue/repl", "entities", "estree-walker", "magic-string", "postcss", "source-map-js", "typescript"])
            Assert.Equal(DependencyKind.Prod, r.Dep(prod).Kind);
        Assert.Equal(DependencyKind.Optional, r.Dep("@types/trusted-types").Kind);
        Assert.Equal(DependencyKind.Dev, r.Dep("vitest").Kind);
        Assert.All(r.Skipped, s => Assert.Equal("link to a local package", s.Reason));
    }

    [Fact]
    public void Requests_pyproject_groups_and_self_reference()
    {
        var r = ParseCorpus("pypi/psf__requests__pyproject.toml");
        Assert.Equal(["charset-normalizer", "idna", "urllib3", "certifi"], r.Dependencies.Where(d => d.Kind == DependencyKind.Prod).Select(d => d.Name));
        Assert.Equal(DependencyKind.Optional, r.Dep("pysocks").Kind);
        Assert.Equal("requests", Assert.Single(r.Skipped).Name);
    }

    [Fact]
    public void Ansible_pyproject_has_dynamic_dependencies_and_says_so()
    {
        var r = ParseCorpus("pypi/ansible__ansible__pyproject.toml");
        Assert.Empty(r.Dependencies);
        Assert.Contains(r.Warnings, w => w.Contains("dynamic"));
    }

    [Fact]
    public void Whisper_requirements_keep_the_marker_in_the_spec()
    {
        var r = ParseCorpus("pypi/openai__whisper__requirements.txt");
        Assert.Equal(["numba", "numpy", "torch", "tqdm", "more-itertools", "tiktoken", "triton"], r.Names());
        Assert.Equal(">=2.0.0;platform_machine==\"x86_64\" and sys_platform==\"linux\" or sys_platform==\"linux2\"", r.Dep("triton").Spec);
    }
}
