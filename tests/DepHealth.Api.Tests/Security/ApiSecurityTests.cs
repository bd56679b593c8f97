using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Api;
using DepHealth.Core.Auth;
using DepHealth.Core.Observability;
using DepHealth.Core.Storage;
using DepHealth.Server;
using DepHealth.Testing;

namespace DepHealth.Api.Tests.Security;

/// <summary>
/// Keys are never logged or returned, key hashes are compared as stored, a key reads only its own usage, CORS answers
/// only configured origins. The real API (router, DynamoDB key validator, usage meter) over dynalite, wrapped by the
/// real request-log and metrics writers, whose every byte is captured.
/// </summary>
/// <summary>One dynalite with the sample packages for all security tests; each test issues its own keys.</summary>
public sealed class SecurityFixture : IAsyncLifetime
{
    private DynaliteProcess _dynalite = null!;

    public DynamoDbClientProvider Clients { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _dynalite = await DynaliteProcess.StartAsync();
        Clients = new DynamoDbClientProvider(new DynamoDbSettings
        {
            ServiceUrl = _dynalite.Endpoint,
            PackagesTable = "security-packages",
            ApiKeysTable = "security-api-keys",
        });
        await new TableProvisioner(Clients).EnsureTablesAsync();
        await new SampleImporter(new DynamoPackageStore(Clients), TimeProvider.System)
            .ImportAsync(Path.Combine(RepoPaths.Root, ServerCommands.SampleFile), default);
    }

    public async Task DisposeAsync()
    {
        Clients.Dispose();
        await _dynalite.DisposeAsync();
    }
}

public sealed class ApiSecurityTests(SecurityFixture fixture) : IClassFixture<SecurityFixture>, IAsyncLifetime
{
    private const string Origin = "https://app.example.org";

    private DynamoDbClientProvider _clients = null!;
    private ApiApplication _api = null!;
    private ObservedApiHandler _observed = null!;
    private readonly MemoryStream _logs = new();
    private readonly List<ApiResponse> _responses = [];
    private IssuedApiKey _alice = null!;
    private IssuedApiKey _bob = null!;

    public async Task InitializeAsync()
    {
        _clients = fixture.Clients;
        var run = Guid.NewGuid().ToString("N")[..8];
        _alice = await new ApiKeyIssuer(_clients).CreateAsync("alice-" + run, Tiers.Free);
        _bob = await new ApiKeyIssuer(_clients).CreateAsync("bob-" + run, Tiers.Pro);
        _api = ApiApplication.FromDynamo(_clients, new ApiOptions { AllowedOrigins = [Origin] });
        var writer = new JsonLineWriter(_logs);
        _observed = new ObservedApiHandler(_api.Handler, new RequestLog(writer, TimeProvider.System),
            new ServiceMetrics(new EmbeddedMetrics(writer, TimeProvider.System)), TimeProvider.System);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ApiResponse> SendAsync(string method, string path, string? key = null, string? body = null,
        IReadOnlyDictionary<string, string>? query = null, params (string Name, string Value)[] headers)
    {
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (key is not null)
            all["X-API-Key"] = key;
        foreach (var (name, value) in headers)
            all[name] = value;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["v1", "packages", var ecosystem, .. var rest])
        {
            parameters["ecosystem"] = ecosystem;
            parameters["name"] = string.Join('/', rest);
        }
        var response = await _observed.HandleAsync(new ApiRequest
        {
            Method = method,
            Path = path,
            PathParameters = parameters,
            Query = query ?? new Dictionary<string, string>(),
            Headers = all,
            Body = body is null ? default : Encoding.UTF8.GetBytes(body),
            SourceIp = "192.0.2.10",
            RequestId = Guid.NewGuid().ToString("N"),
        });
        await _api.AfterResponse.RunAfterResponseAsync();
        lock (_responses)
            _responses.Add(response);
        return response;
    }

    private static JsonElement Json(ApiResponse r) => JsonDocument.Parse(r.Body).RootElement;

    private async Task<long> UsedAsync(string key, IReadOnlyDictionary<string, string>? query = null, params (string, string)[] headers)
    {
        var r = await SendAsync("GET", "/v1/usage", key, query: query, headers: headers);
        Assert.Equal(200, r.StatusCode);
        return Json(r).GetProperty("usage").GetProperty("requests_this_month").GetInt64();
    }

    [Fact]
    public async Task Keys_and_their_full_hashes_never_appear_in_logs_metrics_or_responses()
    {
        var wrongButWellFormed = ApiKeyFormat.Generate();
        string[] keys = [_alice.RawKey, _bob.RawKey, wrongButWellFormed, "dh_not-a-real-key", _alice.RawKey + "x"];
        foreach (var key in keys)
        {
            await SendAsync("GET", "/v1/packages/npm/vite", key);
            await SendAsync("GET", "/v1/packages/npm/this-package-does-not-exist-anywhere", key);
            await SendAsync("GET", "/v1/packages/cargo/serde", key);
            await SendAsync("POST", "/v1/scan", key, """{"dependencies":["vite","left-pad"]}""");
            await SendAsync("POST", "/v1/scan", key, "{not json");
            await SendAsync("GET", "/v1/usage", key);
            // A key sent where keys do not belong: query string and other headers.
            await SendAsync("GET", "/v1/usage", null, query: new Dictionary<string, string> { ["api_key"] = key });
            await SendAsync("GET", "/v1/packages/npm/vite", null, headers: ("Authorization", "Bearer " + key));
        }

        var logText = Encoding.UTF8.GetString(_logs.ToArray());
        var lines = logText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= keys.Length * 8, $"only {lines.Length} log lines captured");
        Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
        Assert.Contains(lines, l => l.Contains("\"route\":\"/v1/usage\"", StringComparison.Ordinal));
        Assert.Equal(keys.Length * 8, _responses.Count);
        foreach (var key in keys)
        {
            var secret = key[ApiKeyFormat.Prefix.Length..];
            var fullHash = ApiKeyFormat.Hash(key);
            Assert.DoesNotContain(secret, logText, StringComparison.Ordinal);
            Assert.DoesNotContain(fullHash, logText, StringComparison.OrdinalIgnoreCase);
            // Not even a prefix of the hash: request lines say nothing about the key.
            Assert.DoesNotContain(fullHash[..8], logText, StringComparison.OrdinalIgnoreCase);
            foreach (var response in _responses)
            {
                var body = Encoding.UTF8.GetString(response.Body.Span);
                Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
                Assert.DoesNotContain(fullHash, body, StringComparison.OrdinalIgnoreCase);
                Assert.All(response.Headers, h =>
                {
                    Assert.DoesNotContain(secret, h.Value, StringComparison.Ordinal);
                    Assert.DoesNotContain(fullHash, h.Value, StringComparison.OrdinalIgnoreCase);
                });
            }
        }
        // The stored item holds the hash, never the key.
        var items = await _clients.Client.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = _clients.Settings.ApiKeysTable });
        var stored = string.Join('\n', items.Items.SelectMany(i => i.Values).Select(v => v.S ?? v.N ?? ""));
        Assert.Contains(_alice.KeyHash, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(_alice.RawKey[ApiKeyFormat.Prefix.Length..], stored, StringComparison.Ordinal);
        Assert.DoesNotContain(_alice.RawKey[ApiKeyFormat.Prefix.Length..], _alice.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_reads_only_its_own_usage_whatever_else_the_request_names()
    {
        for (var i = 0; i < 3; i++)
            Assert.Equal(200, (await SendAsync("GET", "/v1/packages/npm/vite", _alice.RawKey)).StatusCode);
        Assert.Equal(200, (await SendAsync("GET", "/v1/packages/npm/vite", _bob.RawKey)).StatusCode);

        Assert.Equal(3, await UsedAsync(_alice.RawKey));
        Assert.Equal(1, await UsedAsync(_bob.RawKey));
        // Bob asks for Alice's usage every way a careless API might honour: he still gets his own.
        var aliceQuery = new Dictionary<string, string> { ["user_id"] = _alice.UserId, ["user"] = _alice.UserId, ["key"] = _alice.RawKey, ["key_hash"] = _alice.KeyHash };
        Assert.Equal(1, await UsedAsync(_bob.RawKey, aliceQuery, ("X-User-Id", _alice.UserId), ("X-Forwarded-User", _alice.UserId)));
        var bobView = await SendAsync("GET", "/v1/usage", _bob.RawKey, query: aliceQuery);
        Assert.Equal("pro", Json(bobView).GetProperty("tier").GetString());
        Assert.DoesNotContain(_alice.UserId, Encoding.UTF8.GetString(bobView.Body.Span), StringComparison.Ordinal);
        // A key for Alice's hash cannot be forged from what a response or a log shows.
        Assert.Equal(401, (await SendAsync("GET", "/v1/usage", _alice.KeyHash)).StatusCode);
        Assert.Equal(401, (await SendAsync("GET", "/v1/usage", "dh_" + _alice.KeyHash[..43])).StatusCode);
        Assert.Equal(3, await UsedAsync(_alice.RawKey));
    }

    [Fact]
    public async Task A_stored_key_item_whose_hash_does_not_match_is_refused()
    {
        // An item found under the right key but holding another hash (a mis-keyed or tampered item) is compared
        // with FixedTimeEquals and refused, not trusted because the lookup hit.
        var raw = ApiKeyFormat.Generate();
        var item = ApiKeysTableLayout.ApiKey(ApiKeyFormat.Hash(raw));
        item["key_hash"] = new AttributeValue { S = ApiKeyFormat.Hash(ApiKeyFormat.Generate()) };
        item["user_id"] = new AttributeValue { S = "mallory" };
        item["tier"] = new AttributeValue { S = Tiers.Pro };
        await _clients.Client.PutItemAsync(new PutItemRequest { TableName = _clients.Settings.ApiKeysTable, Item = item });

        Assert.Null(await new ApiKeyValidator(_clients).ValidateAsync(raw));
        Assert.Equal(401, (await SendAsync("GET", "/v1/usage", raw)).StatusCode);

        // Control: the same item with the matching hash is accepted.
        var honest = ApiKeyFormat.Generate();
        var good = ApiKeysTableLayout.ApiKey(ApiKeyFormat.Hash(honest));
        good["key_hash"] = new AttributeValue { S = ApiKeyFormat.Hash(honest) };
        good["user_id"] = new AttributeValue { S = "mallory" };
        good["tier"] = new AttributeValue { S = Tiers.Pro };
        await _clients.Client.PutItemAsync(new PutItemRequest { TableName = _clients.Settings.ApiKeysTable, Item = good });
        Assert.Equal("mallory", (await new ApiKeyValidator(_clients).ValidateAsync(honest))?.UserId);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://app.example.org.evil.example")]
    [InlineData("https://evil-app.example.org")]
    [InlineData("http://app.example.org")]
    [InlineData("https://app.example.org:8443")]
    [InlineData("https://app.example.org/")]
    [InlineData("null")]
    [InlineData("*")]
    [InlineData("")]
    public async Task Cors_answers_only_the_configured_origin(string origin)
    {
        var get = await SendAsync("GET", "/v1/packages/npm/vite", _alice.RawKey, headers: ("Origin", origin));
        Assert.Equal(200, get.StatusCode);
        Assert.False(get.Headers.ContainsKey("Access-Control-Allow-Origin"));
        Assert.False(get.Headers.ContainsKey("Access-Control-Allow-Credentials"));
        var preflight = await SendAsync("OPTIONS", "/v1/scan", headers: [("Origin", origin), ("Access-Control-Request-Method", "POST")]);
        Assert.False(preflight.Headers.ContainsKey("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.ContainsKey("Access-Control-Allow-Methods"));
        Assert.False(preflight.Headers.ContainsKey("Access-Control-Allow-Headers"));

        var allowed = await SendAsync("GET", "/v1/packages/npm/vite", _alice.RawKey, headers: ("Origin", Origin));
        Assert.Equal(Origin, allowed.Headers["Access-Control-Allow-Origin"]);
        Assert.DoesNotContain(allowed.Headers, h => h.Value == "*");
    }

    [Fact]
    public async Task Without_configured_origins_no_cors_header_is_ever_sent()
    {
        var closed = ApiApplication.FromDynamo(_clients, new ApiOptions());
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Origin"] = Origin, ["X-API-Key"] = _alice.RawKey };
        var r = await closed.Handler.HandleAsync(new ApiRequest
        {
            Method = "GET", Path = "/v1/packages/npm/vite", Headers = headers, SourceIp = "192.0.2.11",
            PathParameters = new Dictionary<string, string> { ["ecosystem"] = "npm", ["name"] = "vite" },
        });
        Assert.Equal(200, r.StatusCode);
        Assert.DoesNotContain(r.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }
}
