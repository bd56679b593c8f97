using System.Text;
using System.Text.Json;
using DepHealth.Core.Api;
using DepHealth.Core.Auth;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;
using DepHealth.Testing;
using YamlDotNet.RepresentationModel;
using static DepHealth.Deploy.Tests.CloudFormationTemplate;

namespace DepHealth.Deploy.Tests;

/// <summary>
/// Holds docs/openapi.yaml and the real API together: the real handlers (Core/Api's router with the DynamoDB store,
/// key validator, usage meter and demo limiter, over dynalite) answer one request per documented case; every status
/// must be documented for its route, every error code listed for that status, every rate-limit/demo/ETag header
/// documented, and the body's members must match the schema's properties (both ways for the main bodies).
/// </summary>
public sealed class OpenApiContractTests : IAsyncLifetime
{
    private static readonly YamlMappingNode Spec = LoadSpec();
    private DynaliteProcess _dynalite = null!;
    private DynamoDbClientProvider _clients = null!;
    private ApiApplication _app = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _dynalite = await DynaliteProcess.StartAsync();
        _clients = new DynamoDbClientProvider(new DynamoDbSettings { ServiceUrl = _dynalite.Endpoint });
        await new TableProvisioner(_clients).EnsureTablesAsync();
        var store = new DynamoPackageStore(_clients);
        await store.PutAsync(Record("left-pad", 31.5, "CRITICAL"));
        await store.PutAsync(Record("lodash", 88.2, "LOW"));
        _key = (await new ApiKeyIssuer(_clients).CreateAsync("contract-user", Tiers.Free)).RawKey;
        _app = ApiApplication.Create(new ApiOptions(), store, new ApiKeyValidator(_clients), new UsageMeter(_clients), new DemoLimiter(_clients));
    }

    public async Task DisposeAsync()
    {
        _clients.Dispose();
        await _dynalite.DisposeAsync();
    }

    private static PackageRecord Record(string name, double score, string risk)
    {
        var now = DateTimeOffset.UtcNow;
        return new PackageRecord
        {
            Ecosystem = "npm", Name = name, Tier = 1, LastUpdated = now, CollectedAt = now, ScoredAt = now,
            LatestVersion = "1.0.0", CreatedAt = now.AddYears(-5), LastPublished = now.AddDays(-30),
            WeeklyDownloads = 1_000_000, DependentsCount = 500, Stars = 1000, Forks = 50, OpenIssues = 10, MaintainerCount = 2,
            DaysSinceLastCommit = 12, Commits90d = 30, ActiveContributors90d = 3, TotalContributors = 40, TrueBusFactor = 2,
            BusFactorConfidence = "MEDIUM", Advisories = [], OpenSsfScore = 6.5,
            OpenSsfChecks = [new OpenSsfCheck { Name = "Code-Review", Score = 8, Reason = "reviewed" }],
            IsDeprecated = false, Archived = false, RepositoryUrl = $"https://github.com/example/{name}",
            Sources = ["deps.dev", "npm", "github"], DataStatus = "complete", MissingSources = [],
            HealthScore = score, RiskLevel = risk,
            ScoreComponents = new ScoreComponents { MaintainerHealth = 50, UserCentric = 60, EvolutionHealth = 40, CommunityHealth = 50, SecurityHealth = 65 },
            Confidence = new Confidence { Score = 80, Level = "HIGH", DataQuality = "VERIFIED", IntervalMargin = 5 },
            AbandonmentRisk = new AbandonmentRisk { Probability = 40.5, TimeHorizonMonths = 12, RiskFactors = ["Low commit activity"] },
        };
    }

    private static ApiRequest Get(string path, string? key = null, Dictionary<string, string>? query = null, string ip = "203.0.113.7", string? ifNoneMatch = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (key is not null) headers["X-API-Key"] = key;
        if (ifNoneMatch is not null) headers["If-None-Match"] = ifNoneMatch;
        return new ApiRequest { Method = "GET", Path = path, Headers = headers, Query = query ?? new Dictionary<string, string>(), SourceIp = ip, RequestId = "contract" };
    }

    private static ApiRequest Post(string path, string? key, string body, string contentType = "application/json")
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType };
        if (key is not null) headers["X-API-Key"] = key;
        return new ApiRequest { Method = "POST", Path = path, Headers = headers, Body = Encoding.UTF8.GetBytes(body), SourceIp = "203.0.113.8" };
    }

    [Fact]
    public async Task Every_answer_of_the_real_handlers_is_documented()
    {
        var seen = new List<string>();
        async Task<ApiResponse> Check(string route, ApiRequest request, int expected, string? schemaBothWays = null, params string[] optional)
        {
            var response = await _app.Handler.HandleAsync(request);
            Assert.True(expected == response.StatusCode, $"{request.Method} {request.Path}: expected {expected}, got {response.StatusCode}: {Encoding.UTF8.GetString(response.Body.Span)}");
            AssertDocumented(route, request.Method, response, schemaBothWays, optional);
            seen.Add($"{request.Method.ToLowerInvariant()} {route} {response.StatusCode}");
            return response;
        }

        const string pkg = "/v1/packages/{ecosystem}/{name}";
        await Check("/v1/health", Get("/v1/health"), 200, "Health");
        var full = await Check(pkg, Get("/v1/packages/npm/lodash", _key), 200, "PackageHealth", "usage_alert");
        await Check(pkg, Get("/v1/packages/npm/lodash", _key, ifNoneMatch: full.Headers["ETag"]), 304);
        var sparse = await Check(pkg, Get("/v1/packages/npm/left-pad", _key, new() { ["fields"] = "package,health_score,risk_level" }), 200);
        Assert.Equal(["health_score", "package", "risk_level"], Members(sparse).Order());
        await Check(pkg, Get("/v1/packages/npm/left-pad"), 200);
        await Check(pkg, Get("/v1/packages/cargo/serde", _key), 400);
        await Check(pkg, Get("/v1/packages/npm/..%2Fetc", _key), 400);
        await Check(pkg, Get("/v1/packages/npm/lodash", _key, new() { ["fields"] = "bogus" }), 400);
        await Check(pkg, Get("/v1/packages/npm/no-such-package-here", _key), 404);
        await Check(pkg, new ApiRequest { Method = "DELETE", Path = "/v1/packages/npm/lodash" }, 405);
        // HEAD of a GET route is that GET without its body (RFC 9110 §9.3.2): checked against the GET operation.
        await Check(pkg, Get("/v1/packages/npm/lodash", _key) with { Method = "HEAD" }, 200);
        await Check(pkg, Get("/v1/packages/npm/no-such-package-here", _key) with { Method = "HEAD" }, 404);
        await Check("/v1/health", Get("/v1/health") with { Method = "HEAD" }, 200);

        await Check("/v1/scan", Post("/v1/scan", _key, """{"dependencies":["lodash","left-pad","never-heard-of-it"]}"""), 200, "ScanResult", "discovery", "usage_alert");
        await Check("/v1/scan", Post("/v1/scan", null, """{"dependencies":["lodash"]}"""), 401);
        await Check("/v1/scan", Post("/v1/scan", _key, "{not json"), 400);
        await Check("/v1/scan", Post("/v1/scan", _key, """{"dependencies":[]}"""), 400);
        await Check("/v1/scan", Post("/v1/scan", _key, """{"dependencies":["lodash"]}""", "text/plain"), 415);
        await Check("/v1/scan", Post("/v1/scan", _key, new string(' ', 6 * 1024 * 1024)), 413);
        await Check("/v1/scan", Post("/v1/scan", _key, $$"""{"dependencies":[{{string.Join(",", Enumerable.Range(0, 1001).Select(i => $"\"p{i}\""))}}]}"""), 400);

        await Check("/v1/usage", Get("/v1/usage", _key), 200, "Usage");
        await Check("/v1/usage", Get("/v1/usage"), 401);

        // Demo mode: 20 anonymous GETs per hour per IP, then 429.
        for (var i = 0; i < 20; i++)
            await _app.Handler.HandleAsync(Get("/v1/packages/npm/lodash", ip: "198.51.100.9"));
        await Check(pkg, Get("/v1/packages/npm/lodash", ip: "198.51.100.9"), 429);

        // Every route of the spec was exercised with at least its 200.
        foreach (var (path, _) in Paths())
            Assert.Contains(seen, s => s.Contains($" {path} 200"));
    }

    [Fact]
    public void The_template_routes_are_the_spec_paths()
    {
        var template = CloudFormationTemplate.Load(Path.Combine(RepoPaths.Root, "template.yaml"));
        var routes = template.ResourcesOfType("AWS::Serverless::Function")
            .SelectMany(f => (Child(template.Properties(f), "Events") as YamlMappingNode)?.Children.Values ?? [])
            .Where(e => Scalar(Child(e, "Type")) == "Api")
            .Select(e => $"{Scalar(Child(Child(e, "Properties"), "Method"))!.ToLowerInvariant()} {Scalar(Child(Child(e, "Properties"), "Path"))}")
            .Order(StringComparer.Ordinal);
        var spec = Paths().SelectMany(p => ((YamlMappingNode)p.Node).Children.Keys.Select(m => $"{Scalar(m)} {p.Path}")).Order(StringComparer.Ordinal);
        Assert.Equal(spec, routes);
    }

    private static void AssertDocumented(string route, string method, ApiResponse response, string? schemaBothWays, string[] optional)
    {
        var head = method == "HEAD";
        var operation = Child(Child(Child(Spec, "paths"), route), head ? "get" : method.ToLowerInvariant());
        if (operation is null)
        {
            // An undocumented method must be refused with a documented 405.
            Assert.Equal(405, response.StatusCode);
            operation = ((YamlMappingNode)Child(Child(Spec, "paths"), route)!).Children.Values.First();
        }
        var documented = Resolve(Child(Child(operation, "responses"), response.StatusCode.ToString()));
        Assert.True(documented is not null, $"{method} {route}: status {response.StatusCode} is not documented");

        var headers = Child(documented, "headers") as YamlMappingNode;
        foreach (var header in response.Headers.Keys.Where(h => h.StartsWith("X-", StringComparison.OrdinalIgnoreCase) || h is "ETag" or "Retry-After" or "Allow"))
            Assert.True(headers?.Children.ContainsKey(new YamlScalarNode(header)) == true, $"{method} {route} {response.StatusCode}: header {header} is not documented");

        if (head)
        {
            Assert.True(response.Body.IsEmpty, $"HEAD {route}: a body was sent");
            return;
        }
        if (response.Body.IsEmpty)
        {
            Assert.Null(Child(documented, "content"));
            return;
        }
        var media = Child(Child(documented, "content"), "application/json");
        Assert.True(media is not null, $"{method} {route} {response.StatusCode}: a JSON body is not documented");
        var schema = Resolve(Child(media, "schema"))!;
        using var doc = JsonDocument.Parse(response.Body);
        var root = doc.RootElement;
        AssertMembers(schema, root, $"{route} {response.StatusCode}");

        if (root.TryGetProperty("error", out var error))
        {
            var codes = ((YamlSequenceNode?)Child(media, "x-error-codes"))?.Children.Select(c => Scalar(c)).ToList() ?? [];
            Assert.Contains(error.GetProperty("code").GetString(), codes);
        }
        if (schemaBothWays is not null)
        {
            Assert.Equal(Ref(schemaBothWays), schema);
            var expected = Properties(schema).Keys.Except(optional).Order();
            Assert.Equal(expected, Members(root).Where(m => !optional.Contains(m)).Order());
        }
    }

    /// <summary>Every member of the body is a property of the schema, recursively through objects and arrays of objects.</summary>
    private static void AssertMembers(YamlNode schema, JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.Array && Resolve(Child(schema, "items")) is { } items)
        {
            foreach (var item in value.EnumerateArray()) AssertMembers(items, item, where + "[]");
            return;
        }
        if (value.ValueKind != JsonValueKind.Object) return;
        var properties = Properties(schema);
        if (properties.Count == 0) return; // a map (additionalProperties) or a free-form object
        foreach (var member in value.EnumerateObject())
        {
            Assert.True(properties.ContainsKey(member.Name), $"{where}: '{member.Name}' is not in the schema");
            AssertMembers(properties[member.Name], member.Value, $"{where}.{member.Name}");
        }
    }

    private static Dictionary<string, YamlNode> Properties(YamlNode schema) =>
        (Child(Resolve(schema), "properties") as YamlMappingNode)?.Children.ToDictionary(kv => Scalar(kv.Key)!, kv => Resolve(kv.Value)!) ?? [];

    private static IEnumerable<string> Members(ApiResponse response)
    {
        using var doc = JsonDocument.Parse(response.Body);
        return Members(doc.RootElement).ToList();
    }

    private static IEnumerable<string> Members(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToList();

    private static YamlNode? Resolve(YamlNode? node) =>
        Scalar(Child(node, "$ref")) is { } reference ? Resolve(Pointer(reference)) : node;

    private static YamlNode Ref(string schema) => Child(Child(Child(Spec, "components"), "schemas"), schema)!;

    private static YamlNode Pointer(string reference)
    {
        YamlNode? node = Spec;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
            node = Child(node, part);
        return node ?? throw new Xunit.Sdk.XunitException($"dangling $ref {reference}");
    }

    private static IEnumerable<(string Path, YamlNode Node)> Paths() =>
        ((YamlMappingNode)Child(Spec, "paths")!).Children.Select(kv => (Scalar(kv.Key)!, kv.Value));

    private static YamlMappingNode LoadSpec()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepoPaths.Root, "docs", "openapi.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
