using System.Text;
using System.Text.Json;
using CsCheck;
using DepHealth.Api.Tests.Fakes;
using DepHealth.Core.Api;
using DepHealth.Core.Packages;
using DepHealth.Properties.Tests.Generators;

namespace DepHealth.Properties.Tests;

/// <summary>The real router, handlers and validation over generated requests, scan bodies and names.</summary>
public sealed class RouterProperties
{
    private readonly PropertyHarness _api = new();

    [Fact]
    public async Task No_request_gets_a_5xx_and_every_refusal_has_a_code()
    {
        await Cases.CheckAsync(RequestGen.Requests, async request =>
        {
            var r = await _api.App.Handler.HandleAsync(request);
            PropertyHarness.AssertProper(r.StatusCode, r.Headers, r.Body.Span, PropertyHarness.Describe(request),
                head: request.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase));
            if (request.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase))
                Assert.True(r.Body.IsEmpty, "HEAD answered with a body");
        }, PropertyHarness.Describe);
    }

    [Fact]
    public async Task No_scan_body_gets_a_5xx_and_every_refusal_has_a_code()
    {
        await Cases.CheckAsync(RequestGen.Scans, async request =>
        {
            var r = await _api.App.Handler.HandleAsync(request);
            PropertyHarness.AssertProper(r.StatusCode, r.Headers, r.Body.Span, PropertyHarness.Describe(request));
            Assert.True(r.StatusCode is 200 or 400 or 413, $"unexpected {r.StatusCode}");
        }, PropertyHarness.Describe);
    }

    [Fact]
    public void Scan_request_reading_is_total_and_deterministic()
    {
        Cases.Check(RequestGen.ScanBodies, body =>
        {
            var first = Read(body);
            Assert.Equal(first, Read(body));
        }, b => Printing.Text(Encoding.UTF8.GetString(b)));

        static string Read(byte[] body)
        {
            var (request, error) = ScanRequestReader.Read(body, 1000);
            Assert.True(request is null != (error is null), "exactly one of request and error");
            if (error is not null)
            {
                PropertyHarness.AssertProper(error.StatusCode, error.Headers, error.Body.Span, "scan body");
                return $"E {error.StatusCode} {Encoding.UTF8.GetString(error.Body.Span)}";
            }
            Assert.InRange(request!.Dependencies.Count, 1, 1000);
            Assert.Equal(request.Dependencies.Count, request.Dependencies.Select(d => d.Key).Distinct().Count());
            foreach (var d in request.Dependencies)
            {
                var v = PackageNames.Validate(request.Ecosystem, d.Key.Name);
                Assert.True(v.IsValid && v.Normalized == d.Key.Name, $"{Printing.Text(d.Key.Name)} is not a normalised name");
            }
            return string.Join("\n", request.Dependencies.Select(d => $"{d.Key} {d.Kind}").Concat(request.Invalid.Select(i => $"! {i.Name} {i.Reason}")));
        }
    }

    private static readonly Gen<(Ecosystem, string)> ValidNames = Gen.OneOf(
        NameGen.ValidNpm.Select(n => (Ecosystem.Npm, n)),
        NameGen.ValidPyPI.Select(n => (Ecosystem.PyPI, n)),
        NameGen.ValidPyPI.SelectMany(NameGen.Pep503Variant).Select(n => (Ecosystem.PyPI, n)));

    [Fact]
    public async Task A_name_accepted_by_validation_round_trips_through_GET_and_scan()
    {
        await Cases.CheckAsync(ValidNames, async t =>
        {
            var (eco, name) = t;
            var v = PackageNames.Validate(eco, name);
            Assert.True(v.IsValid, v.Error);
            _api.Store.Add(TestRecords.Make(eco.ToWire(), v.Normalized, 70, "MEDIUM"));

            var get = await _api.App.Handler.HandleAsync(new ApiRequest
            {
                Method = "GET",
                Path = $"/v1/packages/{eco.ToWire()}/{Uri.EscapeDataString(name)}",
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-API-Key"] = RequestGen.Key },
            });
            Assert.True(get.StatusCode == 200, $"GET answered {get.StatusCode}: {Encoding.UTF8.GetString(get.Body.Span)}");
            using (var doc = JsonDocument.Parse(get.Body))
                Assert.Equal(v.Normalized, doc.RootElement.GetProperty("package").GetString());

            var scan = await _api.App.Handler.HandleAsync(new ApiRequest
            {
                Method = "POST",
                Path = "/v1/scan",
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-API-Key"] = RequestGen.Key, ["Content-Type"] = "application/json" },
                Body = Encoding.UTF8.GetBytes($"{{\"ecosystem\":\"{eco.ToWire()}\",\"dependencies\":[{JsonText.String(name)}]}}"),
            });
            Assert.True(scan.StatusCode == 200, $"scan answered {scan.StatusCode}: {Encoding.UTF8.GetString(scan.Body.Span)}");
            using (var doc = JsonDocument.Parse(scan.Body))
                Assert.Equal(v.Normalized, doc.RootElement.GetProperty("packages")[0].GetProperty("package").GetString());
        });
    }
}
