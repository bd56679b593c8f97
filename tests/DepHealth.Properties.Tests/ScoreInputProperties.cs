using System.Text;
using System.Text.Json;
using CsCheck;
using DepHealth.Cli.Commands;
using DepHealth.Properties.Tests.Generators;

namespace DepHealth.Properties.Tests;

/// <summary><c>dephealth score</c>'s line reader over generated signal lines: one JSON answer per line, never a crash.</summary>
public sealed class ScoreInputProperties
{
    private static readonly string[] Fields =
    [
        "days_since_last_commit", "active_contributors_90d", "true_bus_factor", "prs_merged_90d", "prs_opened_90d", "weekly_downloads",
        "dependents_count", "stars", "commits_90d", "commits_90d_non_bot", "last_published", "total_contributors",
        "avg_issue_response_hours", "openssf_score", "advisories", "openssf_checks", "created_at", "last_updated", "archived",
        "is_deprecated", "deprecation_message", "data_status", "missing_sources", "repository_url",
    ];

    private static readonly Gen<string> Values = Gen.Frequency(
        (4, Gen.OneOf("0", "-1", "1e308", "-1e308", "1.5", "3", "null", "true", "false", "\"\"", "\"12\"", "\"nan\"", "\"inf\"", "\"-0\"",
            "\"2026-01-07T00:00:00Z\"", "\"2026-13-45\"", "\"0001-01-01\"", "\"9999-12-31T23:59:59+14:00\"", "[]", "{}", "1" + new string('0', 400),
            "[{\"severity\":\"CRITICAL\"},{\"severity\":null},1]", "[{\"name\":\"Security-Policy\",\"score\":\"9\"}]", "[\"npm\",1]")),
        (1, Gen.String[0, 20].Select(JsonText.String)),
        (1, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private static readonly Gen<string> Lines = Gen.Frequency(
        (6, Gen.Select(Gen.OneOf(Fields), Values).Array[0, 10].Select(pairs => "{" + string.Join(",", pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}")),
        (1, Gen.OneOf("", "   ", "[]", "1", "null", "{", "{\"a\":", "\"x\"", "{}", "{\"stars\":1}{\"stars\":2}", new string('[', 100))),
        (1, Gen.String[0, 40].Select(s => s.Replace('\n', ' ').Replace('\r', ' '))));

    [Fact]
    public async Task Every_line_gets_one_JSON_answer_and_the_exit_code_says_whether_any_failed()
    {
        var now = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        await Cases.CheckAsync(Lines.Array[1, 5], async lines =>
        {
            var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
            var output = new MemoryStream();
            var exit = await ScoreCommand.RunAsync(input, output, now, 12, CancellationToken.None);
            var answers = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(lines.Count(l => !string.IsNullOrWhiteSpace(l)), answers.Length);
            var failed = 0;
            foreach (var answer in answers)
            {
                using var doc = JsonDocument.Parse(answer);
                Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
                if (doc.RootElement.TryGetProperty("error", out var error))
                {
                    failed++;
                    Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()));
                }
            }
            Assert.Equal(failed > 0 ? ScoreCommand.SomeLinesFailed : ScoreCommand.Ok, exit);
        }, lines => string.Join(" ⏎ ", lines.Select(Printing.Text)));
    }
}
