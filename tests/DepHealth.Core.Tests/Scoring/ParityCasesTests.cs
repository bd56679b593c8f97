using System.Text.Json;
using DepHealth.Core.Json;
using DepHealth.Core.Scoring;
using DepHealth.Testing;

namespace DepHealth.Core.Tests.Scoring;

/// <summary>
/// parity-cases.jsonl: 150 random inputs (nulls, negatives, huge values, numeric and NaN/inf strings, invalid and
/// offset dates, flags, data statuses) with the outputs of the original functions (health_score.py,
/// abandonment_risk.py, data_quality.py of Dlaranjo/dephealth at 1a635c5, run from /tmp with datetime frozen at
/// 2026-01-07T12:30:15.25Z). Expected risk factors have whole floats printed as integers, and the data-quality
/// explanation has the deps.dev fix applied: the two documented differences. Every number must match exactly.
/// </summary>
public class ParityCasesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 7, 12, 30, 15, 250, TimeSpan.Zero);

    public static IEnumerable<object[]> Cases() =>
        File.ReadLines(Path.Combine(RepoPaths.Root, "tests", "DepHealth.Core.Tests", "Scoring", "parity-cases.jsonl"))
            .Select((line, i) => new object[] { i + 1, line });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_original(int caseNumber, string line)
    {
        using var doc = JsonDocument.Parse(line);
        var expected = doc.RootElement;
        var score = PackageScorer.Score(ScoringInput.FromJson(expected.GetProperty("input")), Now);
        using var actualDoc = JsonDocument.Parse(JsonSerializer.Serialize(score, DepHealthJsonContext.Default.PackageScore));
        var actual = actualDoc.RootElement;

        foreach (var name in new[] { "health_score", "risk_level", "components", "confidence", "confidence_interval", "abandonment_risk", "data_quality" })
            AssertSame($"case {caseNumber}: {name}", expected.GetProperty(name), actual.GetProperty(name));
    }

    // Structural equality where numbers compare as doubles (Python writes 20.0, we write 20).
    private static void AssertSame(string path, JsonElement expected, JsonElement actual)
    {
        if (expected.ValueKind == JsonValueKind.Number)
        {
            Assert.True(actual.ValueKind == JsonValueKind.Number, $"{path}: expected a number, got {actual}");
            Assert.True(expected.GetDouble() == actual.GetDouble(), $"{path}: expected {expected}, got {actual}");
            return;
        }
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected}, got {actual}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).ToArray();
                Assert.Equal(names.Order(), actual.EnumerateObject().Select(p => p.Name).Order());
                foreach (var n in names) AssertSame($"{path}.{n}", expected.GetProperty(n), actual.GetProperty(n));
                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: expected {expected}, got {actual}");
                for (int i = 0; i < expected.GetArrayLength(); i++) AssertSame($"{path}[{i}]", expected[i], actual[i]);
                break;
            default:
                Assert.Equal(expected.ToString(), actual.ToString());
                break;
        }
    }
}
