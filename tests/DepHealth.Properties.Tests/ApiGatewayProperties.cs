using System.Text;
using System.Text.Json;
using CsCheck;
using DepHealth.Api.Tests.Fakes;
using DepHealth.Core.Packages;
using DepHealth.Lambda.ApiGateway;
using DepHealth.Lambda.Runtime;
using DepHealth.Properties.Tests.Generators;

namespace DepHealth.Properties.Tests;

/// <summary>The Lambda adapter (event JSON → mapper → real router → proxy response JSON) over generated REST proxy events.</summary>
public sealed class ApiGatewayProperties
{
    private readonly PropertyHarness _api = new();
    private readonly ApiGatewayHandler _handler;
    private static readonly InvocationContext Context = new("property", DateTimeOffset.MaxValue, "arn:aws:lambda:us-east-1:0:function:property", null);

    public ApiGatewayProperties() => _handler = new ApiGatewayHandler(_api.App.Handler, TextWriter.Null);

    [Fact]
    public async Task No_proxy_event_gets_a_5xx_and_every_refusal_has_a_code()
    {
        await Cases.CheckAsync(EventGen.Events, async json =>
        {
            var (status, headers, body) = await InvokeAsync(json);
            // The mapper takes httpMethod, else requestContext.httpMethod, and upper-cases it.
            using var e = JsonDocument.Parse(json);
            var method = e.RootElement.GetProperty("httpMethod").GetString()
                ?? (e.RootElement.GetProperty("requestContext") is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("httpMethod", out var m)
                    ? m.GetString() : null);
            PropertyHarness.AssertProper(status, headers, body, json.Length > 4000 ? json[..4000] : json,
                head: string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase));
        }, Printing.Text);
    }

    private static readonly Gen<(Ecosystem, string)> ValidNames = Gen.OneOf(
        NameGen.ValidNpm.Select(n => (Ecosystem.Npm, n)), NameGen.ValidPyPI.Select(n => (Ecosystem.PyPI, n)));

    [Fact]
    public async Task A_name_accepted_by_validation_round_trips_through_API_Gateway()
    {
        await Cases.CheckAsync(ValidNames, async t =>
        {
            var (eco, name) = t;
            var v = PackageNames.Validate(eco, name);
            _api.Store.Add(TestRecords.Make(eco.ToWire(), v.Normalized, 70, "MEDIUM"));
            var encoded = Uri.EscapeDataString(name);
            var json = EventGen.Event("GET", $"/v1/packages/{eco.ToWire()}/{encoded}",
                pathParameters: $"{{\"ecosystem\":\"{eco.ToWire()}\",\"name\":{JsonText.String(encoded)}}}",
                headers: $"{{\"X-API-Key\":\"{RequestGen.Key}\"}}");
            var (status, _, body) = await InvokeAsync(json);
            Assert.True(status == 200, $"{status}: {Encoding.UTF8.GetString(body)}");
            using var doc = JsonDocument.Parse(body);
            Assert.Equal(v.Normalized, doc.RootElement.GetProperty("package").GetString());
        });
    }

    private async Task<(int Status, Dictionary<string, string> Headers, byte[] Body)> InvokeAsync(string json)
    {
        var payload = await _handler.InvokeAsync(new LambdaInvocation(Context, Encoding.UTF8.GetBytes(json)), CancellationToken.None);
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
            foreach (var p in h.EnumerateObject())
                headers[p.Name] = p.Value.GetString()!;
        var text = root.TryGetProperty("body", out var b) ? b.GetString() ?? "" : "";
        var base64 = root.TryGetProperty("isBase64Encoded", out var f) && f.GetBoolean();
        return (root.GetProperty("statusCode").GetInt32(), headers, base64 ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text));
    }
}
