using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DepHealth.Core.Auth;
using DepHealth.Emulator.Lambda;
using DepHealth.Lambda.Tests.ApiGateway;
using DepHealth.Testing;

namespace DepHealth.Lambda.Tests.EndToEnd;

/// <summary>
/// The published AOT bootstraps, each started as Lambda would start it (the emulator's Runtime API), answering
/// API Gateway events against dynalite.
/// </summary>
[Collection(PublishedFunctionsCollection.Name)]
public class FunctionEndToEndTests(PublishedFunctions functions)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private sealed record Answer(int Status, Dictionary<string, string> Headers, byte[] Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
        public string? ErrorCode => Json.GetProperty("error").GetProperty("code").GetString();
    }

    private Task<LambdaEmulator> StartAsync(string function) =>
        LambdaEmulator.StartAsync((function == "GetPackage" ? functions.GetPackage : functions.PostScan).File("bootstrap"),
            functions.Stack.Environment);

    private static async Task<Answer> InvokeAsync(LambdaEmulator emu, string eventJson)
    {
        var result = await emu.InvokeAsync(eventJson, Timeout);
        Assert.True(result.IsSuccess, $"{result.Status} {result.ErrorType}: {result.PayloadText}\n{string.Join('\n', emu.Output)}");
        var (status, headers, body, _) = ApiGatewayEvents.Response(result.PayloadText);
        return new Answer(status, headers, body);
    }

    private static string Get(string ecosystem, string name, string? apiKey = null, string? query = null,
        string? ifNoneMatch = null, string sourceIp = "203.0.113.7")
    {
        var encoded = Uri.EscapeDataString(name);
        var headers = new Dictionary<string, string[]> { ["Accept"] = ["application/json"] };
        if (apiKey is not null) headers["x-api-key"] = [apiKey];
        if (ifNoneMatch is not null) headers["If-None-Match"] = [ifNoneMatch];
        var queryMap = query is null ? null : query.Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => new[] { Uri.UnescapeDataString(p[1]) });
        return ApiGatewayEvents.Request("GET", "/v1/packages/{ecosystem}/{name+}", $"/v1/packages/{ecosystem}/{encoded}",
            new Dictionary<string, string> { ["ecosystem"] = ecosystem, ["name"] = encoded }, headers, queryMap, sourceIp: sourceIp);
    }

    private static string Scan(string body, string? apiKey) =>
        ApiGatewayEvents.Request("POST", "/v1/scan", "/v1/scan",
            headers: apiKey is null
                ? new Dictionary<string, string[]> { ["Content-Type"] = ["application/json"] }
                : new Dictionary<string, string[]> { ["Content-Type"] = ["application/json"], ["X-API-Key"] = [apiKey] },
            body: body);

    [Fact]
    public async Task Get_hit_answers_the_stored_package_with_an_etag_and_then_304_for_that_etag()
    {
        var key = await functions.Stack.IssueKeyAsync();
        await using var emu = await StartAsync("GetPackage");

        var hit = await InvokeAsync(emu, Get("npm", "@types/node", key.RawKey));
        var notModified = await InvokeAsync(emu, Get("npm", "@types/node", key.RawKey, ifNoneMatch: hit.Headers["ETag"]));

        Assert.Equal(200, hit.Status);
        Assert.Equal("@types/node", hit.Json.GetProperty("package").GetString());
        Assert.Equal("npm", hit.Json.GetProperty("ecosystem").GetString());
        Assert.Equal(88, hit.Json.GetProperty("health_score").GetDouble());
        Assert.Equal("LOW", hit.Json.GetProperty("risk_level").GetString());
        Assert.StartsWith("application/json", hit.Headers["Content-Type"]);
        Assert.Equal(304, notModified.Status);
        Assert.Empty(notModified.Body);
    }

    [Fact]
    public async Task Get_with_fields_answers_only_those_fields()
    {
        var key = await functions.Stack.IssueKeyAsync();
        await using var emu = await StartAsync("GetPackage");

        var answer = await InvokeAsync(emu, Get("pypi", "requests", key.RawKey, query: "fields=health_score,risk_level"));

        Assert.Equal(200, answer.Status);
        var names = answer.Json.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Contains("health_score", names);
        Assert.Contains("risk_level", names);
        Assert.DoesNotContain("latest_version", names);
        Assert.DoesNotContain("abandonment_risk", names);
    }

    [Fact]
    public async Task Get_miss_is_404_and_bad_input_is_400()
    {
        var key = await functions.Stack.IssueKeyAsync();
        await using var emu = await StartAsync("GetPackage");

        var missing = await InvokeAsync(emu, Get("npm", "no-such-package-e2e", key.RawKey));
        var badEcosystem = await InvokeAsync(emu, Get("cargo", "serde", key.RawKey));
        var badName = await InvokeAsync(emu, Get("npm", "Bad Name!", key.RawKey));

        Assert.Equal(404, missing.Status);
        Assert.Equal("package_not_found", missing.ErrorCode);
        Assert.Equal(400, badEcosystem.Status);
        Assert.Equal("invalid_ecosystem", badEcosystem.ErrorCode);
        Assert.Equal(400, badName.Status);
    }

    [Fact]
    public async Task Get_without_a_key_is_demo_mode_and_the_21st_demo_request_in_an_hour_is_429()
    {
        var ip = $"198.51.100.{Random.Shared.Next(1, 255)}";
        await using var emu = await StartAsync("GetPackage");

        var answers = new List<Answer>();
        for (var i = 0; i < 21; i++)
            answers.Add(await InvokeAsync(emu, Get("npm", "typescript", sourceIp: ip)));

        Assert.Equal(200, answers[0].Status);
        Assert.Equal("true", answers[0].Headers["X-Demo-Mode"]);
        Assert.All(answers.Take(20), a => Assert.Equal(200, a.Status));
        Assert.Equal(429, answers[20].Status);
        Assert.Equal("demo_rate_limit_exceeded", answers[20].ErrorCode);
    }

    [Fact]
    public async Task Get_for_a_key_at_its_monthly_limit_is_429()
    {
        var key = await functions.Stack.IssueKeyAsync(Tiers.Free);
        await functions.Stack.SetMonthlyUsageAsync(key.UserId, Tiers.MonthlyLimitOf(Tiers.Free));
        await using var emu = await StartAsync("GetPackage");

        var answer = await InvokeAsync(emu, Get("npm", "typescript", key.RawKey));

        Assert.Equal(429, answer.Status);
        Assert.Equal("rate_limit_exceeded", answer.ErrorCode);
    }

    [Fact]
    public async Task Scan_of_a_corpus_manifest_reports_stored_packages_and_the_rest_as_not_found()
    {
        var manifest = await File.ReadAllTextAsync(RepoPaths.CorpusFile("manifests", "npm", "expressjs__express__package.json"));
        var declared = JsonNode.Parse(manifest)!.AsObject();
        var names = new[] { "dependencies", "devDependencies" }
            .SelectMany(section => declared[section]?.AsObject().Select(p => p.Key) ?? [])
            .ToHashSet();
        var key = await functions.Stack.IssueKeyAsync(Tiers.Pro);
        await using var emu = await StartAsync("PostScan");

        var answer = await InvokeAsync(emu, Scan(new JsonObject { ["content"] = manifest }.ToJsonString(), key.RawKey));

        Assert.Equal(200, answer.Status);
        Assert.Equal(names.Count, answer.Json.GetProperty("total").GetInt32());
        var found = answer.Json.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("package").GetString()).ToList();
        Assert.Equal(["qs", "debug"], found); // sorted by risk: HIGH before MEDIUM
        var notFound = answer.Json.GetProperty("not_found").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("body-parser", notFound);
        Assert.Equal(names.Count - 2, notFound.Count);
    }

    [Fact]
    public async Task Scan_without_a_key_is_401()
    {
        await using var emu = await StartAsync("PostScan");

        var answer = await InvokeAsync(emu, Scan("""{"dependencies":{"typescript":"^5"}}""", apiKey: null));

        Assert.Equal(401, answer.Status);
        Assert.Equal("invalid_api_key", answer.ErrorCode);
    }

    [Fact]
    public async Task Usage_is_flushed_after_the_response_so_a_new_process_sees_it()
    {
        var key = await functions.Stack.IssueKeyAsync(Tiers.Free);
        await using (var emu = await StartAsync("GetPackage"))
        {
            for (var i = 0; i < 3; i++)
                Assert.Equal(200, (await InvokeAsync(emu, Get("npm", "typescript", key.RawKey))).Status);
            // Asking for a 4th event means the 3rd invocation's after-response work (the usage flush) is done.
            Assert.True(await emu.WaitForNextCallsAsync(4, Timeout));
        }

        await using var fresh = await StartAsync("GetPackage");
        var answer = await InvokeAsync(fresh, Get("npm", "typescript", key.RawKey));

        Assert.Equal(200, answer.Status);
        Assert.Equal((Tiers.MonthlyLimitOf(Tiers.Free) - 4).ToString(), answer.Headers["X-RateLimit-Remaining"]);
    }
}
