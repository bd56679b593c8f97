using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DepHealth.Core.Json;
using DepHealth.Core.Scoring;

namespace DepHealth.Cli.Commands;

/// <summary>
/// <c>dephealth score [--now ISO-8601] [--months N]</c>: scores one JSON object per stdin line and writes one JSON
/// object per line. Exit 0 if every line scored, 1 if any line failed, 2 on a usage error.
/// </summary>
public static class ScoreCommand
{
    public const int Ok = 0;
    public const int SomeLinesFailed = 1;
    public const int UsageError = 2;

    public static Command Create(TimeProvider? time = null)
    {
        // Values are parsed here rather than by the parser so that every usage error exits 2, not the parser's 1.
        var now = new Option<string>("--now")
        {
            Description = "Score as of this instant (ISO-8601, e.g. 2026-01-07T00:00:00Z; no offset means UTC). Default: the current time.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var months = new Option<string>("--months")
        {
            Description = "Abandonment-risk horizon in months (integer; values below 1 count as 1). Default: 12.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("score", "Score package signals: one JSON object per line on stdin, one result per line on stdout.")
        {
            now, months,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            if (parse.UnmatchedTokens.Count > 0)
                return Usage($"unexpected argument '{parse.UnmatchedTokens[0]}'");
            if (!TryGetNow(parse, now, time ?? TimeProvider.System, out var at, out string? nowError)) return Usage(nowError!);
            if (!TryGetMonths(parse, months, out int horizon, out string? monthsError)) return Usage(monthsError!);
            return await RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), at, horizon, ct);
        });
        return command;
    }

    /// <summary>Scores each non-blank line of <paramref name="input"/> into <paramref name="output"/>.</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, DateTimeOffset now, int months, CancellationToken ct)
    {
        using var reader = new StreamReader(input, new UTF8Encoding(false));
        await using var buffered = new BufferedStream(output, 64 * 1024);
        await using var writer = new Utf8JsonWriter(buffered);
        bool anyFailed = false;
        int lineNumber = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (Score(line, now, months) is { } score)
                JsonSerializer.Serialize(writer, score, DepHealthJsonContext.Default.PackageScore);
            else
            {
                anyFailed = true;
                JsonSerializer.Serialize(writer, ErrorFor(line, lineNumber), DepHealthJsonContext.Default.ScoreLineError);
            }
            await writer.FlushAsync(ct);
            writer.Reset();
            buffered.WriteByte((byte)'\n');
        }
        await buffered.FlushAsync(ct);
        return anyFailed ? SomeLinesFailed : Ok;
    }

    private static PackageScore? Score(string line, DateTimeOffset now, int months)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
            return PackageScorer.Score(ScoringInput.FromJson(doc.RootElement), now, months);
        }
        catch (JsonException) { return null; }
    }

    private static ScoreLineError ErrorFor(string line, int lineNumber)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return new ScoreLineError(lineNumber, new ScoreError("not_an_object",
                $"Line {lineNumber} is a JSON {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object."));
        }
        catch (JsonException e)
        {
            return new ScoreLineError(lineNumber, new ScoreError("invalid_json", $"Line {lineNumber} is not valid JSON: {e.Message}"));
        }
    }

    private static bool TryGetNow(ParseResult parse, Option<string> option, TimeProvider time, out DateTimeOffset now, out string? error)
    {
        now = time.GetUtcNow();
        error = null;
        if (parse.GetResult(option) is null) return true;
        string? text = parse.GetValue(option);
        if (string.IsNullOrWhiteSpace(text)) { error = "--now needs an ISO-8601 date-time"; return false; }
        if (!PythonIsoDate.TryParseUtcTicks(text, out long ticks) || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            error = $"--now '{text}' is not an ISO-8601 date-time";
            return false;
        }
        now = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool TryGetMonths(ParseResult parse, Option<string> option, out int months, out string? error)
    {
        months = AbandonmentRiskCalculator.DefaultMonths;
        error = null;
        if (parse.GetResult(option) is null) return true;
        string? text = parse.GetValue(option);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out months))
        {
            error = $"--months '{text}' is not an integer";
            return false;
        }
        months = Math.Max(1, months); // the original clamps to 1
        return true;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"dephealth score: {message}");
        Console.Error.WriteLine("usage: dephealth score [--now ISO-8601] [--months N] < signals.jsonl");
        return UsageError;
    }
}
