using System.Globalization;
using System.Text.Json;

namespace DepHealth.Core.Scoring;

/// <summary>
/// Reads a <see cref="ScoringInput"/> from a JSON object as leniently as the original's dict access: the last
/// duplicate key wins (as in Python's json), numbers may be numeric strings or booleans, and unusable values
/// fall to the defaults of reference §5 instead of failing.
/// </summary>
internal static class ScoringInputJsonReader
{
    public static ScoringInput Read(JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("A scoring input must be a JSON object.", nameof(obj));

        // Last occurrence wins, as with json.loads.
        var last = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject()) last[p.Name] = p.Value;

        ScoringValue Num(string name) => last.TryGetValue(name, out var e) ? PythonValues.ToFloat(e) : ScoringValue.Absent;
        ScoringValue Int(string name) => last.TryGetValue(name, out var e) ? PythonValues.ToInt(e) : ScoringValue.Absent;
        ScoringDate Date(string name) => last.TryGetValue(name, out var e) ? PythonValues.ToDate(e) : ScoringDate.Absent;
        bool Truthy(string name) => last.TryGetValue(name, out var e) && PythonValues.IsTruthy(e);

        var (critical, high, medium) = CountAdvisories(last.GetValueOrDefault("advisories"));
        return new ScoringInput
        {
            DaysSinceLastCommit = Num("days_since_last_commit"),
            ActiveContributors90d = Num("active_contributors_90d"),
            TrueBusFactor = Num("true_bus_factor"),
            PrsMerged90d = Int("prs_merged_90d"),
            PrsOpened90d = Int("prs_opened_90d"),
            WeeklyDownloads = Num("weekly_downloads"),
            DependentsCount = Num("dependents_count"),
            Stars = Num("stars"),
            Commits90d = Num("commits_90d"),
            Commits90dNonBot = Num("commits_90d_non_bot"),
            LastPublished = Date("last_published"),
            TotalContributors = Num("total_contributors"),
            AvgIssueResponseHours = Num("avg_issue_response_hours"),
            OpenSsfScore = Num("openssf_score"),
            CriticalAdvisories = critical,
            HighAdvisories = high,
            MediumAdvisories = medium,
            HasSecurityPolicy = HasSecurityPolicy(last.GetValueOrDefault("openssf_checks")),
            CreatedAt = Date("created_at"),
            LastUpdated = Date("last_updated"),
            Archived = Truthy("archived"),
            IsDeprecated = Truthy("is_deprecated"),
            DeprecationMessage = last.TryGetValue("deprecation_message", out var dm) && PythonValues.IsTruthy(dm)
                ? (dm.ValueKind == JsonValueKind.String ? dm.GetString() : PythonValues.Str(dm))
                : null,
            DataStatus = last.TryGetValue("data_status", out var ds) && ds.ValueKind == JsonValueKind.String
                ? ds.GetString()! : "minimal",
            MissingSources = last.TryGetValue("missing_sources", out var ms) && ms.ValueKind == JsonValueKind.Array
                ? [.. ms.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
                : [],
            HasRepository = Truthy("repository_url"),
        };
    }

    private static (int Critical, int High, int Medium) CountAdvisories(JsonElement advisories)
    {
        int critical = 0, high = 0, medium = 0;
        if (advisories.ValueKind != JsonValueKind.Array) return (0, 0, 0);
        foreach (var a in advisories.EnumerateArray().Take(ScoringInput.MaxAdvisories))
        {
            if (a.ValueKind != JsonValueKind.Object) continue;
            string? severity = null;
            foreach (var p in a.EnumerateObject())
                if (p.NameEquals("severity")) severity = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
            switch (severity)
            {
                case "CRITICAL": critical++; break;
                case "HIGH": high++; break;
                case "MEDIUM": medium++; break;
            }
        }
        return (critical, high, medium);
    }

    private static bool HasSecurityPolicy(JsonElement checks)
    {
        if (checks.ValueKind != JsonValueKind.Array) return false;
        foreach (var c in checks.EnumerateArray().Take(ScoringInput.MaxOpenSsfChecks))
        {
            if (c.ValueKind != JsonValueKind.Object) continue;
            JsonElement name = default, score = default;
            foreach (var p in c.EnumerateObject())
            {
                if (p.NameEquals("name")) name = p.Value;
                else if (p.NameEquals("score")) score = p.Value;
            }
            if (name.ValueKind == JsonValueKind.String && name.ValueEquals("Security-Policy")
                && score.ValueKind != JsonValueKind.Undefined && PythonValues.ToFloat(score) is { IsNumber: true, Number: >= 5 })
                return true;
        }
        return false;
    }
}

/// <summary>Python's view of a JSON value: truthiness, <c>float()</c>, <c>int()</c>, <c>str()</c> and date parsing.</summary>
internal static class PythonValues
{
    public static bool IsTruthy(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => e.TryGetDouble(out double d) ? d != 0 : true,
        JsonValueKind.String => e.GetString()!.Length > 0,
        JsonValueKind.Array => e.GetArrayLength() > 0,
        JsonValueKind.Object => e.EnumerateObject().Any(),
        _ => false,
    };

    // A raw value counts as present for confidence when it is neither None nor == 0 (False == 0 in Python).
    private static bool CountsAsPresent(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined => false,
        JsonValueKind.Number => !e.TryGetDouble(out double d) || d != 0,
        _ => true,
    };

    /// <summary>Python <c>float(x)</c>, with booleans as 1/0; failures, NaN and infinities are invalid.</summary>
    public static ScoringValue ToFloat(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => ScoringValue.Null,
        JsonValueKind.Number => e.TryGetDouble(out double d) ? ScoringValue.Of(d) : ScoringValue.Invalid(true),
        JsonValueKind.True => ScoringValue.Of(1.0),
        JsonValueKind.False => ScoringValue.Of(0.0),
        JsonValueKind.String => TryParseFloat(e.GetString()!, out double s) ? WithPresence(ScoringValue.Of(s)) : ScoringValue.Invalid(true),
        _ => ScoringValue.Invalid(CountsAsPresent(e)),
    };

    /// <summary>Python <c>int(x)</c>: numbers truncate, strings must be integers, booleans are 1/0.</summary>
    public static ScoringValue ToInt(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => ScoringValue.Null,
        JsonValueKind.Number => e.TryGetDouble(out double d) ? ScoringValue.Of(Math.Truncate(d)) with { CountsAsPresent = d != 0 } : ScoringValue.Invalid(true),
        JsonValueKind.True => ScoringValue.Of(1.0),
        JsonValueKind.False => ScoringValue.Of(0.0),
        JsonValueKind.String => TryParseInt(e.GetString()!, out double s) ? WithPresence(ScoringValue.Of(s)) : ScoringValue.Invalid(true),
        _ => ScoringValue.Invalid(CountsAsPresent(e)),
    };

    /// <summary>A date attribute: falsy is absent, a string is parsed, anything else truthy is invalid.</summary>
    public static ScoringDate ToDate(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String) return ScoringDate.Parse(e.GetString()!);
        if (!IsTruthy(e)) return new ScoringDate(ScoringDateKind.Absent, 0, CountsAsPresent(e));
        return new ScoringDate(ScoringDateKind.Invalid, 0, true);
    }

    /// <summary>Python <c>str(x)</c> of a non-string JSON value, close enough for a deprecation note.</summary>
    public static string Str(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        _ => e.GetRawText(),
    };

    // A string is never == 0 in Python, so a parsed string always counts as present.
    private static ScoringValue WithPresence(ScoringValue v) => v with { CountsAsPresent = true };

    /// <summary>Python <c>float(str)</c> syntax: surrounding whitespace, underscores between digits, inf/infinity/nan.</summary>
    public static bool TryParseFloat(string text, out double value)
    {
        value = 0;
        string? s = StripUnderscores(PythonText.Strip(text));
        if (s is null || s.Length == 0) return false;
        string body = s[0] is '+' or '-' ? s[1..] : s;
        string lower = body.ToLowerInvariant();
        if (lower is "inf" or "infinity" or "nan")
        {
            value = lower == "nan" ? double.NaN : (s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity);
            return true;
        }
        int i = 0, intDigits = 0, fracDigits = 0;
        while (i < body.Length && char.IsAsciiDigit(body[i])) { i++; intDigits++; }
        if (i < body.Length && body[i] == '.')
        {
            i++;
            while (i < body.Length && char.IsAsciiDigit(body[i])) { i++; fracDigits++; }
        }
        if (intDigits + fracDigits == 0) return false;
        if (i < body.Length && body[i] is 'e' or 'E')
        {
            i++;
            if (i < body.Length && body[i] is '+' or '-') i++;
            int expDigits = 0;
            while (i < body.Length && char.IsAsciiDigit(body[i])) { i++; expDigits++; }
            if (expDigits == 0) return false;
        }
        if (i != body.Length) return false;
        value = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Python <c>int(str)</c> syntax: an optional sign and decimal digits (underscores between digits).</summary>
    public static bool TryParseInt(string text, out double value)
    {
        value = 0;
        string? s = StripUnderscores(PythonText.Strip(text));
        if (s is null || s.Length == 0) return false;
        string body = s[0] is '+' or '-' ? s[1..] : s;
        if (body.Length == 0 || !body.All(char.IsAsciiDigit)) return false;
        value = double.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return true;
    }

    // Python allows one underscore between two digits; anything else makes the text invalid (null).
    private static string? StripUnderscores(string s)
    {
        if (!s.Contains('_')) return s;
        for (int i = 0; i < s.Length; i++)
            if (s[i] == '_' && (i == 0 || i == s.Length - 1 || !char.IsAsciiDigit(s[i - 1]) || !char.IsAsciiDigit(s[i + 1])))
                return null;
        return s.Replace("_", "", StringComparison.Ordinal);
    }
}
