using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DepHealth.Core.Api;
using DepHealth.Core.Auth;
using DepHealth.Core.Storage;
using DepHealth.Server;
using DepHealth.Testing;
using Microsoft.AspNetCore.Builder;

namespace DepHealth.Api.Tests.Http;

/// <summary>
/// The real server host (Kestrel on a free loopback port) over the real DynamoDB store, key validator, usage meter
/// and demo limiter, against dynalite, seeded with the repository's sample data.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "https://app.example.org";

    private DynaliteProcess? _dynalite;
    private WebApplication? _web;

    public DynamoDbClientProvider Clients { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public int Port => BaseAddress.Port;
    public string FreeKey { get; private set; } = "";
    public int SamplesImported { get; private set; }

    public async Task InitializeAsync()
    {
        _dynalite = await DynaliteProcess.StartAsync();
        Clients = new DynamoDbClientProvider(new DynamoDbSettings
        {
            ServiceUrl = _dynalite.Endpoint,
            PackagesTable = "test-packages",
            ApiKeysTable = "test-api-keys",
        });
        await new TableProvisioner(Clients).EnsureTablesAsync();
        var imported = await new SampleImporter(new DynamoPackageStore(Clients), TimeProvider.System)
            .ImportAsync(Path.Combine(RepoPaths.Root, ServerCommands.SampleFile), default);
        Assert.Empty(imported.Errors);
        SamplesImported = imported.Written;
        FreeKey = await CreateKeyAsync("http-user", Tiers.Free);

        var api = ApiApplication.FromDynamo(Clients, new ApiOptions { AllowedOrigins = [AllowedOrigin] });
        _web = await ServerHost.StartAsync(api, "http://127.0.0.1:0");
        BaseAddress = new Uri(ServerHost.Addresses(_web).Single());
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<string> CreateKeyAsync(string user, string tier) =>
        (await new ApiKeyIssuer(Clients).CreateAsync(user, tier)).RawKey;

    public Task<HttpResponseMessage> GetAsync(string path, string? key = null, string? origin = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Add("X-API-Key", key);
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> ScanAsync(string body, string? key, string contentType = "application/json") =>
        ScanAsync(Encoding.UTF8.GetBytes(body), key, contentType);

    public Task<HttpResponseMessage> ScanAsync(byte[] body, string? key, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/scan") { Content = content };
        if (key is not null) request.Headers.Add("X-API-Key", key);
        return Http.SendAsync(request);
    }

    /// <summary>The caller's requests_this_month, read through GET /v1/usage (which costs nothing).</summary>
    public async Task<long> UsedAsync(string key)
    {
        using var r = await GetAsync("/v1/usage", key);
        Assert.Equal(200, (int)r.StatusCode);
        return (await JsonAsync(r)).GetProperty("usage").GetProperty("requests_this_month").GetInt64();
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage r)
    {
        Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await r.Content.ReadAsByteArrayAsync()).RootElement;
    }

    public static async Task<string> ErrorCodeAsync(HttpResponseMessage r) =>
        (await JsonAsync(r)).GetProperty("error").GetProperty("code").GetString()!;

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_web is not null)
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }
        Clients?.Dispose();
        if (_dynalite is not null)
            await _dynalite.DisposeAsync();
    }
}

/// <summary>A second, separate server: its demo budget for 127.0.0.1 is untouched by other tests.</summary>
public sealed class DemoServerFixture : ServerFixture;
