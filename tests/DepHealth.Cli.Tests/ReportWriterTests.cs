using System.Text;
using System.Text.Json;
using DepHealth.Cli.Output;
using DepHealth.Cli.Scanning;
using DepHealth.Core.Api.Client;
using DepHealth.Core.Manifests;
using DepHealth.Core.Packages;

namespace DepHealth.Cli.Tests;

/// <summary>The report formats on a known report: SARIF valid against the OASIS schema and pointing at the declaring line; Markdown and JSON summaries.</summary>
public sealed class ReportWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dephealth-report-").FullName;

    private ScanReport Report()
    {
        var manifestPath = Path.Combine(_root, "app", "package.json");
        Directory.CreateDirectory(Path.GetDirectoryName(manifestPath)!);
        const string content = "{\n  \"name\": \"app\",\n  \"dependencies\": {\n    \"left-pad\": \"^1.3.0\",\n    \"request\": \"2.88.2\",\n    \"lodash\": \"^4\"\n  }\n}\n";
        File.WriteAllText(manifestPath, content);
        var manifest = new ManifestReport(new FoundManifest(manifestPath, "app/package.json", ManifestFormat.PackageJson), "npm", 3, 0, null) { Content = content };
        PackageReport P(string name, double? score, string? risk, string factor) => new("npm", new ScannedPackage
        {
            Package = name, HealthScore = score, RiskLevel = risk, DependencyType = "prod",
            AbandonmentRisk = new AbandonmentRisk { Probability = 62.4, TimeHorizonMonths = 12, RiskFactors = [factor] },
            DataQuality = new ClientDataQuality { Assessment = "VERIFIED", HasRepository = true },
        }, [manifest]);
        return new ScanReport(_root, [manifest], [],
            [P("left-pad", 31.2, "CRITICAL", "No commits in 1200.0 days"), P("request", 45.5, "HIGH", "Package is deprecated"), P("lodash", 88, "LOW", "")],
            [new MissingPackage("npm", "brand-new-pkg", [manifest])], Queued: 1);
    }

    [Fact]
    public void Sarif_is_valid_sarif_2_1_0_with_rules_levels_regions_and_fingerprints()
    {
        var buffer = new MemoryStream();
        SarifReportWriter.Write(Report(), buffer, _root, "0.1.0");
        var sarif = Encoding.UTF8.GetString(buffer.ToArray());
        Assert.Empty(SarifSchema.Validate(sarif));

        using var doc = JsonDocument.Parse(sarif);
        var run = doc.RootElement.GetProperty("runs")[0];
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("dephealth", driver.GetProperty("name").GetString());
        Assert.StartsWith("https://", driver.GetProperty("informationUri").GetString());
        var ruleIds = driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count); // LOW is not an alert
        var critical = results.Single(r => r.GetProperty("ruleId").GetString() == "dephealth/critical-risk");
        Assert.Equal("error", critical.GetProperty("level").GetString());
        Assert.Equal(ruleIds.IndexOf("dephealth/critical-risk"), critical.GetProperty("ruleIndex").GetInt32());
        Assert.Contains("left-pad", critical.GetProperty("message").GetProperty("text").GetString());
        var location = critical.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("app/package.json", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(4, location.GetProperty("region").GetProperty("startLine").GetInt32());
        var high = results.Single(r => r.GetProperty("ruleId").GetString() == "dephealth/high-risk");
        Assert.Equal("warning", high.GetProperty("level").GetString());
        Assert.Equal(5, high.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        var fingerprint = critical.GetProperty("partialFingerprints").GetProperty(SarifReportWriter.FingerprintKey).GetString();
        Assert.Equal(SarifReportWriter.Fingerprint("npm", "left-pad", "app/package.json"), fingerprint);
        Assert.NotEqual(fingerprint, high.GetProperty("partialFingerprints").GetProperty(SarifReportWriter.FingerprintKey).GetString());
    }

    [Fact]
    public void The_schema_check_rejects_broken_sarif()
    {
        Assert.NotEmpty(SarifSchema.Validate("""{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}"""));
        Assert.NotEmpty(SarifSchema.Validate("""{"version":"2.0.0","runs":[]}"""));
        Assert.NotEmpty(SarifSchema.Validate("""{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"level":"fatal","message":{"text":"m"}}]}]}"""));
    }

    [Fact]
    public void Markdown_has_a_summary_table_and_the_risky_packages()
    {
        var text = new StringWriter();
        MarkdownReportWriter.Write(Report(), text, FailThreshold.High);
        var md = text.ToString();
        Assert.Contains("| Critical | High | Medium | Low | Not scored | Not found |", md);
        Assert.Contains("| 1 | 1 | 0 | 1 | 0 | 1 |", md);
        Assert.Contains("| CRITICAL | `left-pad` (npm) | 31.2 | 62% | No commits in 1200.0 days | `app/package.json` |", md);
        Assert.Contains("**Failed:**", md);
        Assert.DoesNotContain("`lodash`", md);
    }

    [Fact]
    public void Json_summary_carries_the_action_outputs()
    {
        var buffer = new MemoryStream();
        JsonReportWriter.Write(Report(), buffer, FailThreshold.Critical);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        var s = doc.RootElement.GetProperty("summary");
        Assert.Equal((4, 1, 1, 0, 1), (s.GetProperty("total").GetInt32(), s.GetProperty("critical").GetInt32(), s.GetProperty("high").GetInt32(),
            s.GetProperty("medium").GetInt32(), s.GetProperty("low").GetInt32()));
        Assert.True(s.GetProperty("has_issues").GetBoolean());
        Assert.Equal("CRITICAL", s.GetProperty("highest_risk").GetString());
        Assert.True(s.GetProperty("threshold_exceeded").GetBoolean());
        Assert.Equal("brand-new-pkg", doc.RootElement.GetProperty("not_found")[0].GetProperty("package").GetString());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
