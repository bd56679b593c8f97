using System.Text;
using System.Text.Json;
using DepHealth.Api.Tests.Fakes;
using DepHealth.Core.Api;
using DepHealth.Core.Auth;
using DepHealth.Properties.Tests.Generators;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Properties.Tests;

/// <summary>
/// The real router (<see cref="ApiApplication.Create"/>) over the Api tests' in-memory fakes, with a key whose quota
/// never runs out so that 10,000 generated requests keep reaching the handlers' deeper checks.
/// </summary>
public sealed class PropertyHarness
{
    public static readonly ApiKeyIdentity Unlimited = new("user-property", "hash-property", "enterprise", long.MaxValue / 4);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    public InMemoryPackageStore Store { get; } = new();
    public ApiApplication App { get; }

    public PropertyHarness()
    {
        Store.Add(TestRecords.Make("npm", "lodash", 85, "LOW")).Add(TestRecords.Make("pypi", "requests", 90, "LOW"));
        var keys = new FakeKeyValidator().Add(RequestGen.Key, Unlimited);
        var reset = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        App = ApiApplication.Create(new ApiOptions { AllowedOrigins = ["https://app.example.org"] }, Store, keys,
            new FakeUsageMeter(reset), new FakeDemoLimiter(reset, int.MaxValue), new RecordingQueue(), Time);
    }

    /// <summary>Never a 5xx; every error answer (bodiless only for HEAD) is <c>{"error":{"code","message"}}</c> with a code; a 405 says what is allowed.</summary>
    public static void AssertProper(int status, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, string context,
        bool head = false)
    {
        Assert.True(status is >= 200 and < 500, $"status {status} for {context}: {Encoding.UTF8.GetString(body)}");
        // A HEAD answer has no body to hold the error; anything else with a 4xx must carry one.
        if (status >= 400 && !(head && body.IsEmpty))
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            var error = doc.RootElement.GetProperty("error");
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("code").GetString()), $"no error code for {context}");
            Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        }
        if (status == 405)
            Assert.True(headers.ContainsKey("Allow"), $"405 without Allow for {context}");
        if (!body.IsEmpty)
            Assert.StartsWith("application/json", headers.First(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value);
    }

    public static string Describe(ApiRequest r) =>
        $"{Printing.Text(r.Method)} {Printing.Text(r.Path)} headers={string.Join(";", r.Headers.Select(h => $"{h.Key}={Printing.Text(h.Value.Length > 80 ? h.Value[..80] + "…" : h.Value)}"))} " +
        $"query={string.Join("&", r.Query.Select(q => $"{q.Key}={q.Value}"))} body={Printing.Text(Encoding.UTF8.GetString(r.Body.Span))}";
}
