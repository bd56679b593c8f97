using DepHealth.Core.Api;
using static DepHealth.Api.Tests.ApiHarness;

namespace DepHealth.Api.Tests;

public sealed class RouterTests
{
    private static Task<ApiResponse> Send(ApiHarness h, string method, string path, Dictionary<string, string>? headers = null) =>
        h.App.Handler.HandleAsync(new ApiRequest
        {
            Method = method,
            Path = path,
            Headers = new Dictionary<string, string>(headers ?? [], StringComparer.OrdinalIgnoreCase),
        }).AsTask();

    [Theory]
    [InlineData("GET", "/v1/nope")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/v1/scan/extra")]
    [InlineData("GET", "/v2/packages/npm/lodash")]
    public async Task Unknown_paths_are_404_not_found(string method, string path)
    {
        var r = await Send(new ApiHarness(), method, path);
        Assert.Equal(404, r.StatusCode);
        Assert.Equal(ErrorCodes.NotFound, ErrorCode(r));
    }

    [Theory]
    [InlineData("POST", "/v1/packages/npm/lodash", "GET, HEAD, OPTIONS")]
    [InlineData("DELETE", "/v1/packages/npm/lodash", "GET, HEAD, OPTIONS")]
    [InlineData("GET", "/v1/scan", "POST, OPTIONS")]
    [InlineData("POST", "/v1/usage", "GET, HEAD, OPTIONS")]
    [InlineData("PUT", "/v1/health", "GET, HEAD, OPTIONS")]
    public async Task Wrong_method_is_405_with_Allow(string method, string path, string allow)
    {
        var r = await Send(new ApiHarness(), method, path);
        Assert.Equal(405, r.StatusCode);
        Assert.Equal(ErrorCodes.MethodNotAllowed, ErrorCode(r));
        Assert.Equal(allow, r.Headers["Allow"]);
    }

    [Theory]
    [InlineData("/v1/packages/npm/lodash", 200)]
    [InlineData("/v1/packages/npm/no-such-package", 404)]
    [InlineData("/v1/health", 200)]
    [InlineData("/v1/usage", 200)]
    public async Task HEAD_of_a_GET_route_answers_as_GET_without_a_body(string path, int status)
    {
        var h = new ApiHarness();
        var headers = new Dictionary<string, string> { ["X-API-Key"] = FreeKey };
        var get = await Send(h, "GET", path, headers);
        var head = await Send(h, "HEAD", path, headers);
        Assert.Equal(status, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.True(head.Body.IsEmpty);
        Assert.False(get.Body.IsEmpty);
        Assert.Equal(get.Headers["Content-Type"], head.Headers["Content-Type"]);
        if (get.Headers.TryGetValue("ETag", out var etag))
            Assert.Equal(etag, head.Headers["ETag"]);
    }

    [Fact]
    public async Task HEAD_of_scan_is_405_naming_POST()
    {
        var r = await Send(new ApiHarness(), "HEAD", "/v1/scan");
        Assert.Equal(405, r.StatusCode);
        Assert.Equal("POST, OPTIONS", r.Headers["Allow"]);
        Assert.True(r.Body.IsEmpty);
    }

    [Fact]
    public async Task Health_answers_without_auth_or_store()
    {
        var h = new ApiHarness();
        var r = await Send(h, "GET", "/v1/health");
        Assert.Equal(200, r.StatusCode);
        Assert.Equal("healthy", Json(r).GetProperty("status").GetString());
        Assert.Equal("no-cache", r.Headers["Cache-Control"]);
        Assert.Equal(0, h.Store.GetCalls);
    }

    [Fact]
    public async Task Host_path_parameters_are_used_when_given()
    {
        var h = new ApiHarness();
        var r = await h.App.Handler.HandleAsync(new ApiRequest
        {
            Method = "GET",
            Path = "/packages/npm/%40babel%2Fcore",
            PathParameters = new Dictionary<string, string> { ["ecosystem"] = "npm", ["name"] = "@babel/core" },
        });
        Assert.Equal(200, r.StatusCode);
        Assert.Equal("@babel/core", Json(r).GetProperty("package").GetString());
    }

    [Fact]
    public async Task Allowed_origin_is_echoed_with_Vary_and_preflight_is_answered()
    {
        var h = new ApiHarness();
        var origin = new Dictionary<string, string> { ["Origin"] = "https://app.example.org" };
        var r = await Send(h, "GET", "/v1/packages/npm/lodash", origin);
        Assert.Equal("https://app.example.org", r.Headers["Access-Control-Allow-Origin"]);
        Assert.Equal("Origin", r.Headers["Vary"]);

        var preflight = await Send(h, "OPTIONS", "/v1/scan", origin);
        Assert.Equal(204, preflight.StatusCode);
        Assert.Equal("https://app.example.org", preflight.Headers["Access-Control-Allow-Origin"]);
        Assert.Contains("POST", preflight.Headers["Access-Control-Allow-Methods"]);
        Assert.Contains("X-API-Key", preflight.Headers["Access-Control-Allow-Headers"]);

        // Errors carry CORS too, so a browser can read them.
        var error = await Send(h, "GET", "/v1/packages/cargo/x", origin);
        Assert.Equal("https://app.example.org", error.Headers["Access-Control-Allow-Origin"]);
    }

    [Fact]
    public async Task Other_origins_get_no_CORS_headers()
    {
        var h = new ApiHarness();
        var evil = new Dictionary<string, string> { ["Origin"] = "https://evil.example" };
        var r = await Send(h, "GET", "/v1/packages/npm/lodash", evil);
        Assert.Equal(200, r.StatusCode);
        Assert.False(r.Headers.ContainsKey("Access-Control-Allow-Origin"));
        Assert.Equal("Origin", r.Headers["Vary"]);
        var preflight = await Send(h, "OPTIONS", "/v1/packages/npm/lodash", evil);
        Assert.False(preflight.Headers.ContainsKey("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.ContainsKey("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task No_configured_origins_means_no_CORS_at_all()
    {
        var h = new ApiHarness(new ApiOptions());
        var r = await Send(h, "GET", "/v1/health", new() { ["Origin"] = "https://app.example.org" });
        Assert.False(r.Headers.ContainsKey("Access-Control-Allow-Origin"));
        Assert.False(r.Headers.ContainsKey("Vary"));
    }

    [Fact]
    public async Task Demo_limiter_failure_is_a_503_without_detail()
    {
        var h = new ApiHarness();
        var app = ApiApplication.Create(new ApiOptions(), h.Store, h.Keys, h.Usage, new ThrowingDemo(), null, h.Time);
        var r = await app.Handler.HandleAsync(new ApiRequest { Method = "GET", Path = "/v1/packages/npm/lodash" });
        Assert.Equal(503, r.StatusCode);
        Assert.DoesNotContain("boom", Text(r));
    }

    [Fact]
    public async Task Unexpected_exception_is_a_bare_500_without_a_stack_trace()
    {
        var h = new ApiHarness();
        var corrupt = Fakes.TestRecords.Make("npm", "corrupt", 50, "MEDIUM");
        corrupt.OpenSsfChecks = [null!];
        h.Store.Add(corrupt);
        var r = await h.GetAsync("/v1/packages/npm/corrupt", FreeKey);
        Assert.Equal(500, r.StatusCode);
        Assert.Equal(ErrorCodes.InternalError, ErrorCode(r));
        Assert.DoesNotContain("NullReference", Text(r));
        Assert.DoesNotContain(" at ", Text(r));
    }

    private sealed class ThrowingDemo : DepHealth.Core.Auth.IDemoLimiter
    {
        public ValueTask<DepHealth.Core.Auth.QuotaDecision> TryConsumeAsync(string sourceIp, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("boom");
    }

    [Fact]
    public async Task After_response_work_flushes_the_usage_meter()
    {
        var h = new ApiHarness();
        await h.App.AfterResponse.RunAfterResponseAsync();
        Assert.Equal(1, h.Usage.Flushes);
    }
}
