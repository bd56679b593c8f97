using System.Net;
using System.Text;
using System.Text.Json;
using DepHealth.Core.Api;
using DepHealth.Core.Manifests;
using DepHealth.Testing;
using static DepHealth.Api.Tests.Http.ServerFixture;

namespace DepHealth.Api.Tests.Http;

/// <summary>The API over real HTTP: Kestrel on loopback, the DynamoDB-backed services, dynalite.</summary>
[Trait("Category", "Http")]
public sealed class HttpApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Get_hit_returns_the_stored_sample_record_with_headers()
    {
        Assert.True(server.SamplesImported >= 40);
        using var r = await server.GetAsync("/v1/packages/npm/vite", server.FreeKey);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var json = await JsonAsync(r);
        Assert.Equal("vite", json.GetProperty("package").GetString());
        Assert.Equal("npm", json.GetProperty("ecosystem").GetString());
        Assert.Equal("https://github.com/vitejs/vite", json.GetProperty("repository_url").GetString());
        Assert.True(json.GetProperty("signals").GetProperty("weekly_downloads").GetInt64() > 0);
        Assert.InRange(json.GetProperty("health_score").GetDouble(), 0, 100);
        Assert.Equal("VERIFIED", json.GetProperty("data_quality").GetProperty("assessment").GetString());
        Assert.Equal(5, json.GetProperty("explanation").GetProperty("components").GetArrayLength());
        Assert.True(r.Headers.CacheControl!.Private);
        Assert.Equal(TimeSpan.FromMinutes(5), r.Headers.CacheControl.MaxAge);
        Assert.NotNull(r.Headers.ETag);
        Assert.False(r.Headers.ETag!.IsWeak);
        Assert.Equal("5000", r.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.False(r.Headers.Contains("X-Demo-Mode"));
    }

    [Theory]
    [InlineData("/v1/packages/npm/@babel/core")]
    [InlineData("/v1/packages/npm/%40babel%2Fcore")]
    [InlineData("/v1/packages/npm/@types/node")]
    [InlineData("/v1/packages/pypi/Typing_Extensions")]
    public async Task Scoped_and_unnormalised_names_resolve(string path)
    {
        using var r = await server.GetAsync(path, server.FreeKey);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task Unknown_package_is_404_package_not_found()
    {
        using var r = await server.GetAsync("/v1/packages/npm/definitely-not-stored-pkg", server.FreeKey);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal(ErrorCodes.PackageNotFound, await ErrorCodeAsync(r));
    }

    [Fact]
    public async Task Invalid_ecosystem_is_400()
    {
        using var r = await server.GetAsync("/v1/packages/maven/junit", server.FreeKey);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal(ErrorCodes.InvalidEcosystem, await ErrorCodeAsync(r));
    }

    [Fact]
    public async Task If_None_Match_gives_304_with_no_body()
    {
        using var first = await server.GetAsync("/v1/packages/pypi/requests", server.FreeKey);
        var etag = first.Headers.ETag!.Tag;
        using var second = await server.GetAsync("/v1/packages/pypi/requests", server.FreeKey, ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, second.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Fields_return_the_small_cli_answer()
    {
        using var r = await server.GetAsync("/v1/packages/npm/vue?fields=health_score,risk_level,abandonment_risk", server.FreeKey);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await r.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length < 400, $"{body.Length} bytes");
        var names = JsonDocument.Parse(body).RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["health_score", "risk_level", "abandonment_risk"], names);

        using var bad = await server.GetAsync("/v1/packages/npm/vue?fields=health_score,nope", server.FreeKey);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(ErrorCodes.InvalidFields, await ErrorCodeAsync(bad));
    }

    [Fact]
    public async Task Scan_and_usage_need_a_valid_key()
    {
        using var scan = await server.ScanAsync("""{"dependencies":["vite"]}""", "dh_not_a_real_key");
        Assert.Equal(HttpStatusCode.Unauthorized, scan.StatusCode);
        Assert.Equal(ErrorCodes.InvalidApiKey, await ErrorCodeAsync(scan));
        using var usage = await server.GetAsync("/v1/usage");
        Assert.Equal(HttpStatusCode.Unauthorized, usage.StatusCode);
    }

    [Fact]
    public async Task Scan_of_explicit_dependencies_sorts_and_counts_and_charges_unique_names()
    {
        var key = await server.CreateKeyAsync("scan-user", "free");
        using var r = await server.ScanAsync(
            """{"dependencies":{"vite":"^7","request":"^2","Vite":"x","not-a-stored-pkg":"1"},"devDependencies":["mocha","../../etc/passwd"]}""", key);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var json = await JsonAsync(r);
        Assert.Equal(4, json.GetProperty("total").GetInt32());
        Assert.Equal(["not-a-stored-pkg"], json.GetProperty("not_found").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("../../etc/passwd", json.GetProperty("invalid")[0].GetProperty("name").GetString());
        var packages = json.GetProperty("packages").EnumerateArray().ToArray();
        Assert.Equal(3, packages.Length);
        var orders = packages.Select(p => ScanResponseWriter.RiskOrder(p.GetProperty("risk_level").GetString())).ToArray();
        Assert.Equal(orders.Order().ToArray(), orders);
        Assert.Equal("dev", packages.Single(p => p.GetProperty("package").GetString() == "mocha").GetProperty("dependency_type").GetString());
        Assert.Equal(4, await server.UsedAsync(key));
    }

    [Theory]
    [InlineData("npm/expressjs__express__package.json", "npm")]
    [InlineData("npm/vitejs__vite__packages__vite__package.json", "npm")]
    [InlineData("npm/lockfiles/remy__nodemon__package-lock.json", "npm")]
    [InlineData("pypi/encode__httpx__requirements.txt", "pypi")]
    [InlineData("pypi/psf__requests__pyproject.toml", "pypi")]
    [InlineData("pypi/fastapi__fastapi__pyproject.toml", "pypi")]
    public async Task Scans_of_corpus_manifests(string file, string ecosystem)
    {
        var key = await server.CreateKeyAsync("corpus-" + Path.GetFileName(file), "pro");
        var content = await File.ReadAllTextAsync(RepoPaths.CorpusFile(["manifests", .. file.Split('/')]));
        var expected = ManifestParser.Parse(null, content).Dependencies.Count;
        using var r = await server.ScanAsync("{\"content\":" + JsonSerializer.Serialize(content, HttpTestJson.Default.String) + "}", key);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var json = await JsonAsync(r);
        Assert.Equal(ecosystem, json.GetProperty("ecosystem").GetString());
        Assert.Equal(expected, json.GetProperty("total").GetInt32());
        Assert.Equal(expected, json.GetProperty("packages").GetArrayLength() + json.GetProperty("not_found").GetArrayLength());
        Assert.Empty(json.GetProperty("unavailable").EnumerateArray());
        Assert.True(json.GetProperty("packages").GetArrayLength() > 0, "some dependencies are in the sample data");
        Assert.Equal(expected, await server.UsedAsync(key));
    }

    [Fact]
    public async Task Key_at_its_monthly_limit_gets_429_with_Retry_After()
    {
        var key = await server.CreateKeyAsync("limit-user", "free");
        // 5 scans of 1000 unknown names use the free tier's 5000 requests.
        for (var batch = 0; batch < 5; batch++)
        {
            var names = string.Join(",", Enumerable.Range(0, 1000).Select(i => $"\"limit-{batch}-{i}\""));
            using var scan = await server.ScanAsync($$"""{"dependencies":[{{names}}]}""", key);
            Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        }
        Assert.Equal(5000, await server.UsedAsync(key));

        using var r = await server.GetAsync("/v1/packages/npm/vite", key);
        Assert.Equal((HttpStatusCode)429, r.StatusCode);
        Assert.Equal(ErrorCodes.RateLimitExceeded, await ErrorCodeAsync(r));
        Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("0", r.Headers.GetValues("X-RateLimit-Remaining").Single());
        using var scanOver = await server.ScanAsync("""{"dependencies":["vite"]}""", key);
        Assert.Equal((HttpStatusCode)429, scanOver.StatusCode);
        Assert.Equal(5000, await server.UsedAsync(key));
    }

    [Fact]
    public async Task Cors_echoes_allowed_origin_only()
    {
        using var allowed = await server.GetAsync("/v1/packages/npm/vite", server.FreeKey, origin: AllowedOrigin);
        Assert.Equal(AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Origin", allowed.Headers.Vary);

        using var denied = await server.GetAsync("/v1/packages/npm/vite", server.FreeKey, origin: "https://evil.example");
        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        Assert.False(denied.Headers.Contains("Access-Control-Allow-Origin"));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/scan");
        preflight.Headers.Add("Origin", AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var p = await server.Http.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, p.StatusCode);
        Assert.Contains("POST", p.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    [Fact]
    public async Task Health_and_unknown_routes()
    {
        using var health = await server.GetAsync("/v1/health");
        Assert.Equal("healthy", (await JsonAsync(health)).GetProperty("status").GetString());
        using var missing = await server.GetAsync("/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(ErrorCodes.NotFound, await ErrorCodeAsync(missing));
        using var wrong = await server.Http.DeleteAsync("/v1/packages/npm/vite");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class HttpTestJson : System.Text.Json.Serialization.JsonSerializerContext;
