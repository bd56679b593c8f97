using System.Text;
using System.Text.Json;
using DepHealth.Core.Api;
using DepHealth.Testing;
using static DepHealth.Api.Tests.ApiHarness;

namespace DepHealth.Api.Tests;

public sealed class ScanTests
{
    private static string ContentBody(string content) => "{\"content\":" + JsonSerializer.Serialize(content, ScanTestJson.Default.String) + "}";

    private static string[] Names(JsonElement array, string? member = null) =>
        array.EnumerateArray().Select(e => (member is null ? e : e.GetProperty(member)).GetString()!).ToArray();

    [Fact]
    public async Task Results_are_sorted_by_risk_then_name_with_counts_and_kinds()
    {
        var h = new ApiHarness();
        var r = await h.ScanAsync("""
            {"dependencies":{"lodash":"^4","express":"^4","left-pad":"1","pending-pkg":"1"},
             "devDependencies":["request","@Babel/Core","lodash","nonexistent-pkg-xyz"]}
            """);
        Assert.Equal(200, r.StatusCode);
        var json = Json(r);
        var packages = json.GetProperty("packages").EnumerateArray().ToArray();
        Assert.Equal(["left-pad", "request", "express", "@babel/core", "lodash", "pending-pkg"],
            packages.Select(p => p.GetProperty("package").GetString()!).ToArray());
        Assert.Equal(7, json.GetProperty("total").GetInt32());
        Assert.Equal(1, json.GetProperty("critical").GetInt32());
        Assert.Equal(1, json.GetProperty("high").GetInt32());
        Assert.Equal(1, json.GetProperty("medium").GetInt32());
        Assert.Equal(2, json.GetProperty("low").GetInt32());
        Assert.Equal(["nonexistent-pkg-xyz"], Names(json.GetProperty("not_found")));

        // lodash is both prod and dev: the stronger kind wins.
        var kinds = packages.ToDictionary(p => p.GetProperty("package").GetString()!, p => p.GetProperty("dependency_type").GetString());
        Assert.Equal("prod", kinds["lodash"]);
        Assert.Equal("dev", kinds["request"]);
        Assert.Equal("dev", kinds["@babel/core"]);

        var lodash = packages.Single(p => p.GetProperty("package").GetString() == "lodash");
        Assert.Equal("VERIFIED", lodash.GetProperty("data_quality").GetProperty("assessment").GetString());
        Assert.True(lodash.GetProperty("data_quality").GetProperty("has_repository").GetBoolean());
        var pending = packages.Single(p => p.GetProperty("package").GetString() == "pending-pkg");
        Assert.Equal(JsonValueKind.Object, pending.GetProperty("abandonment_risk").ValueKind);

        var dq = json.GetProperty("data_quality");
        Assert.Equal(2, dq.GetProperty("verified_count").GetInt32());
        Assert.Equal(1, dq.GetProperty("partial_count").GetInt32());
        Assert.Equal(2, dq.GetProperty("unverified_count").GetInt32());
        Assert.Equal(1, dq.GetProperty("unavailable_count").GetInt32());
        Assert.Equal(0, json.GetProperty("verified_risk_count").GetInt32());
        Assert.Equal(2, json.GetProperty("unverified_risk_count").GetInt32());

        Assert.Equal(7, h.Usage.UsedBy(Free.UserId));
        Assert.Equal("4993", r.Headers["X-RateLimit-Remaining"]);
        Assert.Equal(1, json.GetProperty("discovery").GetProperty("queued").GetInt32());
        Assert.Equal("scan_discovery", Assert.Single(h.Queue.Items).Reason);
    }

    [Fact]
    public async Task Invalid_names_are_listed_and_not_charged()
    {
        var h = new ApiHarness();
        var r = await h.ScanAsync("""{"dependencies":{"lodash":"1","../../etc/passwd":"1","{\"$gt\":\"\"}":"1","":"1"},"devDependencies":[1,null,"lodash"]}""");
        Assert.Equal(200, r.StatusCode);
        var json = Json(r);
        Assert.Equal(1, json.GetProperty("total").GetInt32());
        var invalid = Names(json.GetProperty("invalid"), "name");
        Assert.Equal(["../../etc/passwd", "{\"$gt\":\"\"}"], invalid);
        Assert.Equal(1, h.Usage.UsedBy(Free.UserId));
    }

    [Fact]
    public async Task PyPI_scan_normalises_names()
    {
        var h = new ApiHarness();
        var r = await h.ScanAsync("""{"ecosystem":"pypi","dependencies":["Requests","python_dateutil","python.dateutil"]}""");
        var json = Json(r);
        Assert.Equal(2, json.GetProperty("total").GetInt32());
        Assert.Equal(["python-dateutil", "requests"], Names(json.GetProperty("packages"), "package"));
    }

    [Fact]
    public async Task Cache_hits_skip_the_store_and_the_rest_is_one_batch_read()
    {
        var h = new ApiHarness();
        await h.GetAsync("/v1/packages/npm/lodash", FreeKey);
        await h.GetAsync("/v1/packages/npm/unknown-one", FreeKey);
        var before = h.Store.KeysRead;
        var r = await h.ScanAsync("""{"dependencies":["lodash","unknown-one","express","left-pad"]}""");
        Assert.Equal(200, r.StatusCode);
        Assert.Equal(1, h.Store.GetManyCalls);
        Assert.Equal(2, h.Store.KeysRead - before);
        Assert.Equal(["unknown-one"], Names(Json(r).GetProperty("not_found")));
    }

    [Fact]
    public async Task Store_failures_are_reported_as_unavailable_not_as_unknown()
    {
        var h = new ApiHarness();
        h.Store.UnavailableKeys.Add(new("npm", "express"));
        var json = Json(await h.ScanAsync("""{"dependencies":["lodash","express"]}"""));
        Assert.Equal(["express"], Names(json.GetProperty("unavailable")));
        Assert.Empty(json.GetProperty("not_found").EnumerateArray());

        var down = new ApiHarness();
        down.Store.Fail = true;
        var all = Json(await down.ScanAsync("""{"dependencies":["lodash","express"]}"""));
        Assert.Equal(2, all.GetProperty("unavailable").GetArrayLength());
        Assert.Empty(all.GetProperty("packages").EnumerateArray());
    }

    public static TheoryData<string, string, int> BadScans => new()
    {
        { "not json", ErrorCodes.InvalidJson, 400 },
        { "[1,2]", ErrorCodes.InvalidJson, 400 },
        { "{}", ErrorCodes.NoDependencies, 400 },
        { "", ErrorCodes.NoDependencies, 400 },
        { """{"dependencies":{}}""", ErrorCodes.NoDependencies, 400 },
        { """{"dependencies":{"lodash":"1"},"ecosystem":"NPM"}""", ErrorCodes.InvalidEcosystem, 400 },
        { """{"dependencies":{"lodash":"1"},"ecosystem":7}""", ErrorCodes.InvalidEcosystem, 400 },
        { """{"dependencies":{"../../x":"1","$where":"1"}}""", ErrorCodes.InvalidPackageName, 400 },
        { """{"content":"requests==2.0\n","ecosystem":"npm"}""", ErrorCodes.InvalidEcosystem, 400 },
        { """{"dependencies":""" + new string('[', 200) + new string(']', 200) + "}", ErrorCodes.InvalidJson, 400 },
    };

    [Theory]
    [MemberData(nameof(BadScans))]
    public async Task Bad_bodies_are_4xx_and_cost_nothing(string body, string code, int status)
    {
        var h = new ApiHarness();
        var r = await h.ScanAsync(body);
        Assert.Equal(status, r.StatusCode);
        Assert.Equal(code, ErrorCode(r));
        Assert.Equal(0, h.Usage.UsedBy(Free.UserId));
        Assert.Equal(0, h.Store.GetManyCalls);
    }

    [Fact]
    public async Task Invalid_utf8_body_is_invalid_json()
    {
        var h = new ApiHarness();
        var bytes = Encoding.UTF8.GetBytes("""{"dependencies":["lodash","X"]}""");
        bytes[^4] = 0xFF;
        var r = await h.ScanAsync(bytes);
        Assert.Equal(400, r.StatusCode);
        Assert.Equal(ErrorCodes.InvalidJson, ErrorCode(r));
        Assert.Equal(0, h.Usage.UsedBy(Free.UserId));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task Non_json_content_types_are_415(string contentType)
    {
        var h = new ApiHarness();
        var r = await h.ScanAsync("""{"dependencies":["lodash"]}""", contentType: contentType);
        Assert.Equal(415, r.StatusCode);
        Assert.Equal(ErrorCodes.UnsupportedMediaType, ErrorCode(r));
        Assert.Equal(0, h.Usage.UsedBy(Free.UserId));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    [InlineData("application/vnd.dephealth+json")]
    public async Task Json_content_types_are_accepted(string contentType)
    {
        var r = await new ApiHarness().ScanAsync("""{"dependencies":["lodash"]}""", contentType: contentType);
        Assert.Equal(200, r.StatusCode);
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_413_by_length_or_by_header()
    {
        var h = new ApiHarness();
        var big = new byte[5 * 1024 * 1024 + 1];
        Array.Fill(big, (byte)' ');
        var r = await h.ScanAsync(big);
        Assert.Equal(413, r.StatusCode);
        Assert.Equal(ErrorCodes.PayloadTooLarge, ErrorCode(r));
        var declared = await h.ScanAsync("{}", headers: new() { ["Content-Length"] = "10485760" });
        Assert.Equal(413, declared.StatusCode);
        Assert.Equal(0, h.Usage.UsedBy(Free.UserId));
    }

    [Fact]
    public async Task More_than_1000_unique_dependencies_is_too_many_and_costs_nothing()
    {
        var h = new ApiHarness();
        var names = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"pkg-{i}\""));
        var r = await h.ScanAsync($$"""{"dependencies":[{{names}}]}""");
        Assert.Equal(400, r.StatusCode);
        Assert.Equal(ErrorCodes.TooManyDependencies, ErrorCode(r));
        Assert.Equal(0, h.Usage.UsedBy(Free.UserId));

        var exactly = string.Join(",", Enumerable.Range(0, 1000).Select(i => $"\"pkg-{i}\""));
        var ok = await h.ScanAsync($$"""{"dependencies":[{{exactly}},"PKG-1"]}""");
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(1000, h.Usage.UsedBy(Free.UserId));
    }

    [Fact]
    public async Task Missing_or_invalid_key_is_401_with_no_demo_mode()
    {
        var h = new ApiHarness();
        Assert.Equal(ErrorCodes.InvalidApiKey, ErrorCode(await h.ScanAsync("""{"dependencies":["lodash"]}""", key: null)));
        var r = await h.ScanAsync("""{"dependencies":["lodash"]}""", key: "pw_wrong");
        Assert.Equal(401, r.StatusCode);
        Assert.Equal(0, h.Demo.UsedBy("203.0.113.7"));
    }

    [Fact]
    public async Task Scan_that_would_pass_the_limit_is_429_and_charges_nothing()
    {
        var h = new ApiHarness();
        h.Usage.SetUsed(Tiny.UserId, 8);
        var r = await h.ScanAsync("""{"dependencies":["lodash","express","left-pad"]}""", key: TinyKey);
        Assert.Equal(429, r.StatusCode);
        Assert.Equal(ErrorCodes.RateLimitExceeded, ErrorCode(r));
        Assert.Equal("Scanning 3 packages would exceed your remaining 2 requests.",
            Json(r).GetProperty("error").GetProperty("message").GetString());
        Assert.True(r.Headers.ContainsKey("Retry-After"));
        Assert.Equal(8, h.Usage.UsedBy(Tiny.UserId));
        var fits = await h.ScanAsync("""{"dependencies":["lodash","express"]}""", key: TinyKey);
        Assert.Equal(200, fits.StatusCode);
        Assert.Equal("exceeded", fits.Headers["X-Usage-Alert"]);
        Assert.Equal(10, h.Usage.UsedBy(Tiny.UserId));
    }

    [Theory]
    [InlineData("npm", "expressjs__express__package.json", "npm")]
    [InlineData("npm/lockfiles", "markedjs__marked__package-lock.json", "npm")]
    [InlineData("pypi", "psf__requests__requirements-dev.txt", "pypi")]
    [InlineData("pypi", "psf__requests__pyproject.toml", "pypi")]
    [InlineData("pypi", "fastapi__fastapi__pyproject.toml", "pypi")]
    public async Task Corpus_manifests_scan_as_content(string folder, string file, string ecosystem)
    {
        var h = new ApiHarness();
        var path = RepoPaths.CorpusFile(["manifests", .. folder.Split('/'), file]);
        var content = await File.ReadAllTextAsync(path);
        var expected = DepHealth.Core.Manifests.ManifestParser.Parse(null, content);
        var r = await h.ScanAsync(ContentBody(content));
        Assert.Equal(200, r.StatusCode);
        var json = Json(r);
        Assert.Equal(ecosystem, json.GetProperty("ecosystem").GetString());
        Assert.True(expected.Dependencies.Count > 0);
        Assert.Equal(expected.Dependencies.Count, json.GetProperty("total").GetInt32());
        Assert.Equal(expected.Dependencies.Count, h.Usage.UsedBy(Free.UserId));
        Assert.Equal(json.GetProperty("total").GetInt32(),
            json.GetProperty("packages").GetArrayLength() + json.GetProperty("not_found").GetArrayLength());
    }

    [Fact]
    public async Task A_lockfile_with_over_1000_packages_is_too_many_and_costs_nothing()
    {
        var h = new ApiHarness();
        var content = await File.ReadAllTextAsync(RepoPaths.CorpusFile("manifests", "npm", "lockfiles", "axios__axios__package-lock.json"));
        var r = await h.ScanAsync(ContentBody(content));
        Assert.Equal(400, r.StatusCode);
        Assert.Equal(ErrorCodes.TooManyDependencies, ErrorCode(r));
        Assert.Equal(0, h.Usage.UsedBy(Free.UserId));
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class ScanTestJson : System.Text.Json.Serialization.JsonSerializerContext;
