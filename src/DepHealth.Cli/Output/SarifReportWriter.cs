using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DepHealth.Cli.Scanning;

namespace DepHealth.Cli.Output;

/// <summary>
/// <c>-o sarif</c>: SARIF 2.1.0 for GitHub code scanning. One result per HIGH or CRITICAL package and manifest that
/// declares it, located at the declaring line, with a stable partial fingerprint so that alerts survive edits.
/// </summary>
public static class SarifReportWriter
{
    public const string InformationUri = "https://dephealth.dev";
    public const string FingerprintKey = "dephealthPackage/v1";

    private static readonly (string Id, string Risk, string Level, string Name, string Severity, string Text)[] Rules =
    [
        ("dephealth/critical-risk", "CRITICAL", "error", "CriticalRiskDependency", "9.0",
            "The dependency's health score is below 40: it is likely unmaintained or unsafe to rely on."),
        ("dephealth/high-risk", "HIGH", "warning", "HighRiskDependency", "7.0",
            "The dependency's health score is between 40 and 60: maintenance, adoption or security signals are weak."),
    ];

    /// <param name="baseDirectory">URIs are written relative to it (the repository root in CI).</param>
    public static void Write(ScanReport report, Stream output, string baseDirectory, string version)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();

        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "dephealth");
        w.WriteString("informationUri", InformationUri);
        w.WriteString("semanticVersion", version);
        w.WriteStartArray("rules");
        foreach (var rule in Rules)
        {
            w.WriteStartObject();
            w.WriteString("id", rule.Id);
            w.WriteString("name", rule.Name);
            w.WriteStartObject("shortDescription");
            w.WriteString("text", $"{rule.Risk} risk dependency");
            w.WriteEndObject();
            w.WriteStartObject("fullDescription");
            w.WriteString("text", rule.Text);
            w.WriteEndObject();
            w.WriteString("helpUri", InformationUri);
            w.WriteStartObject("help");
            w.WriteString("text", rule.Text + " Replace it, pin it and watch it, or help maintain it.");
            w.WriteEndObject();
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", rule.Level);
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteStartArray("tags");
            w.WriteStringValue("supply-chain");
            w.WriteStringValue("dependency-health");
            w.WriteEndArray();
            w.WriteString("security-severity", rule.Severity);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteString("columnKind", "utf16CodeUnits");
        w.WriteStartArray("results");
        foreach (var p in report.Packages)
        {
            var ruleIndex = Array.FindIndex(Rules, r => r.Risk == p.Risk);
            if (ruleIndex < 0) continue;
            var rule = Rules[ruleIndex];
            foreach (var m in p.DeclaredIn.Count > 0 ? p.DeclaredIn : report.Manifests.Where(m => m.Ecosystem == p.Ecosystem).Take(1).ToList())
            {
                var uri = Path.GetRelativePath(baseDirectory, m.Manifest.FullPath).Replace('\\', '/');
                var line = ManifestLineLocator.Find(m.Content, m.Manifest.Format, p.Name);
                w.WriteStartObject();
                w.WriteString("ruleId", rule.Id);
                w.WriteNumber("ruleIndex", ruleIndex);
                w.WriteString("level", rule.Level);
                w.WriteStartObject("message");
                var why = Formatting.Why(p.Result);
                w.WriteString("text", $"{p.Name} ({p.Ecosystem}): {rule.Risk} risk (health score: {Formatting.Score(p.Result.HealthScore)})" +
                                      (why.Length > 0 ? $". {why}" : "") + Formatting.Limited(p.Result.DataQuality?.Assessment));
                w.WriteEndObject();
                w.WriteStartArray("locations");
                w.WriteStartObject();
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation");
                w.WriteString("uri", uri);
                w.WriteEndObject();
                w.WriteStartObject("region");
                w.WriteNumber("startLine", line);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartObject("partialFingerprints");
                w.WriteString(FingerprintKey, Fingerprint(p.Ecosystem, p.Name, uri));
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("package", p.Name);
                w.WriteString("ecosystem", p.Ecosystem);
                if (p.Result.HealthScore is { } s) w.WriteNumber("healthScore", s);
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>Same package in the same file gives the same fingerprint, whatever its line or score.</summary>
    public static string Fingerprint(string ecosystem, string name, string uri) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ecosystem}\n{name}\n{uri}")))[..32];

    /// <summary>The repository root above <paramref name="start"/> (a folder holding .git), or <paramref name="fallback"/>.</summary>
    public static string RepositoryRoot(string start, string fallback)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
                return dir.FullName;
        return fallback;
    }
}
