using System.Net;
using System.Text;
using System.Text.Json;
using DepHealth.Core.Api;
using DepHealth.Core.Manifests;
using static DepHealth.Api.Tests.Http.ServerFixture;

namespace DepHealth.Api.Tests.Http;

/// <summary>Hostile input over real HTTP: every one a 4xx with an error code, and none costs quota.</summary>
[Trait("Category", "Http")]
public sealed class HostileInputTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    public static TheoryData<string, string> HostilePaths => new()
    {
        { "/v1/packages/npm/../../etc/passwd", ErrorCodes.InvalidPackageName },
        { "/v1/packages/npm/..%2F..%2Fetc%2Fpasswd", ErrorCodes.InvalidPackageName },
        { "/v1/packages/pypi/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", ErrorCodes.InvalidPackageName },
        { "/v1/packages/npm/%7B%22%24gt%22%3A%22%22%7D", ErrorCodes.InvalidPackageName },
        { "/v1/packages/npm/npm%23lodash", ErrorCodes.InvalidPackageName },
        { "/v1/packages/npm/%3Cscript%3Ealert(1)%3C%2Fscript%3E", ErrorCodes.InvalidPackageName },
        { "/v1/packages/npm/%FF%FE%FD", ErrorCodes.InvalidPackageName },
        { "/v1/packages/npm/%C3%28", ErrorCodes.InvalidPackageName },
        { "/v1/packages/npm/" + new string('a', 10_000), ErrorCodes.InvalidPackageName },
        { "/v1/packages/pypi/" + new string('b', 10_000), ErrorCodes.InvalidPackageName },
        { "/v1/packages/NPM/lodash", ErrorCodes.InvalidEcosystem },
        { "/v1/packages/%FF/lodash", ErrorCodes.InvalidEcosystem },
        { "/v1/packages/npm/", ErrorCodes.MissingParameter },
        { "/v1/packages/npm/vite?fields=" + new string('x', 5000), ErrorCodes.InvalidFields },
    };

    [Theory]
    [MemberData(nameof(HostilePaths))]
    public async Task Hostile_paths_are_400_with_a_code_and_cost_nothing(string target, string code)
    {
        var key = await server.CreateKeyAsync("hostile-path-" + Guid.NewGuid().ToString("N")[..8], "free");
        var (status, _, body) = await RawHttp.GetAsync(server.Port, target, key);
        Assert.Equal(400, status);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", body);
        Assert.Equal(0, await server.UsedAsync(key));
    }

    /// <summary>Kestrel itself refuses these request lines (a bare 400 before any handler runs): still a 4xx and free.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Request_lines_kestrel_refuses_are_a_4xx_and_cost_nothing(bool invalidUtf8)
    {
        var key = await server.CreateKeyAsync("hostile-raw-" + Guid.NewGuid().ToString("N")[..8], "free");
        var bytes = invalidUtf8
            ? Encoding.ASCII.GetBytes("/v1/packages/npm/lod").Concat(new byte[] { 0xFF, 0xC3, 0x28 }).ToArray()
            : Encoding.ASCII.GetBytes("/v1/packages/npm/lodash%00");
        var (status, _, _) = await RawHttp.GetAsync(server.Port, bytes, key);
        Assert.InRange(status, 400, 499);
        Assert.Equal(0, await server.UsedAsync(key));
    }

    public static TheoryData<string, string, int, string> HostileBodies => new()
    {
        { "text/plain", """{"dependencies":["vite"]}""", 415, ErrorCodes.UnsupportedMediaType },
        { "application/x-www-form-urlencoded", "dependencies=vite", 415, ErrorCodes.UnsupportedMediaType },
        { "application/xml", "<deps><d>vite</d></deps>", 415, ErrorCodes.UnsupportedMediaType },
        { "application/json", "{not json", 400, ErrorCodes.InvalidJson },
        { "application/json", "\"just a string\"", 400, ErrorCodes.InvalidJson },
        { "application/json", new string('[', 10_000) + new string(']', 10_000), 400, ErrorCodes.InvalidJson },
        { "application/json", """{"dependencies":{"$gt":"","../../etc/passwd":"1"}}""", 400, ErrorCodes.InvalidPackageName },
        { "application/json", """{"dependencies":{}}""", 400, ErrorCodes.NoDependencies },
        { "application/json", """{"dependencies":["vite"],"ecosystem":{"$ne":null}}""", 400, ErrorCodes.InvalidEcosystem },
        { "application/json", """{"content":"\u0000\u0001binary"}""", 400, ManifestErrorCodes.UnsupportedFormat },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Hostile_scan_bodies_are_4xx_with_a_code_and_cost_nothing(string contentType, string body, int status, string code)
    {
        var key = await server.CreateKeyAsync("hostile-body-" + Guid.NewGuid().ToString("N")[..8], "free");
        using var r = await server.ScanAsync(body, key, contentType);
        Assert.Equal(status, (int)r.StatusCode);
        Assert.Equal(code, await ErrorCodeAsync(r));
        Assert.Equal(0, await server.UsedAsync(key));
    }

    [Fact]
    public async Task Invalid_utf8_body_is_invalid_json()
    {
        var key = await server.CreateKeyAsync("hostile-utf8-body", "free");
        var body = Encoding.UTF8.GetBytes("""{"dependencies":["vite","lo"]}""");
        body[^5] = 0xC3; // "lo" becomes an invalid two-byte sequence
        body[^4] = 0x28;
        using var r = await server.ScanAsync(body, key);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal(ErrorCodes.InvalidJson, await ErrorCodeAsync(r));
        Assert.Equal(0, await server.UsedAsync(key));
    }

    [Fact]
    public async Task Ten_megabyte_body_is_413()
    {
        var key = await server.CreateKeyAsync("hostile-big-body", "free");
        var body = Encoding.UTF8.GetBytes("{\"dependencies\":[\"vite\"],\"pad\":\"" + new string('x', 10 * 1024 * 1024) + "\"}");
        using var r = await server.ScanAsync(body, key);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Equal(ErrorCodes.PayloadTooLarge, await ErrorCodeAsync(r));
        Assert.Equal(0, await server.UsedAsync(key));
    }

    [Fact]
    public async Task Ten_megabyte_chunked_body_is_413()
    {
        var key = await server.CreateKeyAsync("hostile-chunked", "free");
        var content = new StreamContent(new MemoryStream(new byte[10 * 1024 * 1024]));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/scan") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-API-Key", key);
        using var r = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Equal(ErrorCodes.PayloadTooLarge, await ErrorCodeAsync(r));
        Assert.Equal(0, await server.UsedAsync(key));
    }

    [Fact]
    public async Task Five_thousand_dependencies_is_too_many()
    {
        var key = await server.CreateKeyAsync("hostile-5000", "business");
        var names = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"dep-{i}\":\"1\""));
        using var r = await server.ScanAsync("{\"dependencies\":{" + names + "}}", key);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal(ErrorCodes.TooManyDependencies, await ErrorCodeAsync(r));
        Assert.Equal(0, await server.UsedAsync(key));
    }
}
