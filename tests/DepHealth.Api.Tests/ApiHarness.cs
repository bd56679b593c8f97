using System.Text;
using System.Text.Json;
using DepHealth.Api.Tests.Fakes;
using DepHealth.Core.Api;
using DepHealth.Core.Auth;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Api.Tests;

/// <summary>The real handlers (via <see cref="ApiApplication.Create"/>) over in-memory fakes and a fake clock.</summary>
public sealed class ApiHarness
{
    public const string FreeKey = "pw_free_key";
    public const string TinyKey = "pw_tiny_key";
    public static readonly ApiKeyIdentity Free = new("user-free", "hash-free", "free", 5000);
    public static readonly ApiKeyIdentity Tiny = new("user-tiny", "hash-tiny", "free", 10);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    public InMemoryPackageStore Store { get; } = new();
    public FakeKeyValidator Keys { get; } = new FakeKeyValidator().Add(FreeKey, Free).Add(TinyKey, Tiny);
    public FakeUsageMeter Usage { get; }
    public FakeDemoLimiter Demo { get; }
    public RecordingQueue Queue { get; } = new();
    public ApiApplication App { get; }

    public static readonly DateTimeOffset MonthReset = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public ApiHarness(ApiOptions? options = null, bool withQueue = true)
    {
        Usage = new FakeUsageMeter(MonthReset);
        Demo = new FakeDemoLimiter(new DateTimeOffset(2026, 11, 27, 13, 0, 0, TimeSpan.Zero));
        Store.Add(TestRecords.Make("npm", "lodash", 85, "LOW"))
            .Add(TestRecords.Make("npm", "@babel/core", 91, "LOW"))
            .Add(TestRecords.Make("npm", "express", 72, "MEDIUM", "partial"))
            .Add(TestRecords.Make("npm", "left-pad", 35, "CRITICAL", "minimal", repo: null))
            .Add(TestRecords.Make("npm", "request", 45, "HIGH", "abandoned_minimal"))
            .Add(TestRecords.Make("npm", "pending-pkg", null, null, "pending", repo: null))
            .Add(TestRecords.Make("pypi", "requests", 90, "LOW"))
            .Add(TestRecords.Make("pypi", "python-dateutil", 66, "MEDIUM", "partial"));
        App = ApiApplication.Create(options ?? new ApiOptions { AllowedOrigins = ["https://app.example.org"] },
            Store, Keys, Usage, Demo, withQueue ? Queue : null, Time);
    }

    public Task<ApiResponse> GetAsync(string path, string? key = null, string? query = null,
        Dictionary<string, string>? headers = null, string ip = "203.0.113.7")
    {
        var h = new Dictionary<string, string>(headers ?? [], StringComparer.OrdinalIgnoreCase);
        if (key is not null) h["X-API-Key"] = key;
        var q = new Dictionary<string, string>(StringComparer.Ordinal);
        if (query is not null) q["fields"] = query;
        return App.Handler.HandleAsync(new ApiRequest { Method = "GET", Path = path, Headers = h, Query = q, SourceIp = ip }).AsTask();
    }

    public Task<ApiResponse> ScanAsync(string body, string? key = FreeKey, string contentType = "application/json",
        Dictionary<string, string>? headers = null) =>
        ScanAsync(Encoding.UTF8.GetBytes(body), key, contentType, headers);

    public Task<ApiResponse> ScanAsync(byte[] body, string? key = FreeKey, string contentType = "application/json",
        Dictionary<string, string>? headers = null)
    {
        var h = new Dictionary<string, string>(headers ?? [], StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType };
        if (key is not null) h["X-API-Key"] = key;
        return App.Handler.HandleAsync(new ApiRequest { Method = "POST", Path = "/v1/scan", Headers = h, Body = body, SourceIp = "203.0.113.7" }).AsTask();
    }

    public static JsonElement Json(ApiResponse response) => JsonDocument.Parse(response.Body).RootElement;

    public static string ErrorCode(ApiResponse response) => Json(response).GetProperty("error").GetProperty("code").GetString()!;

    public static string Text(ApiResponse response) => Encoding.UTF8.GetString(response.Body.Span);
}
