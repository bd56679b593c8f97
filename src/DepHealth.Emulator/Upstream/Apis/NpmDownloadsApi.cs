using System.Globalization;
using System.Text.Json;
using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream.Hosting;
using DepHealth.Emulator.Upstream.Universe;

namespace DepHealth.Emulator.Upstream.Apis;

/// <summary>
/// npm's download counts: <c>/downloads/point/{period}/{pkg}</c>, <c>/downloads/range/{period}/{pkg}</c>, and bulk
/// (comma-separated unscoped names, at most 128). Point counts are sums of the range's days, so both always agree.
/// </summary>
internal sealed class NpmDownloadsApi(UpstreamUniverse universe) : IUpstreamApi
{
    public const int MaxBulk = 128;

    // Weekday shape of download traffic (Monday first); sums to 7 so any 7 consecutive days add up to the weekly figure.
    private static readonly double[] DayWeights = [1.15, 1.2, 1.2, 1.15, 1.05, 0.6, 0.65];

    public UpstreamKind Kind => UpstreamKind.NpmDownloads;

    public string? SubjectOf(UpstreamRequest r) => r.Segments.Count > 3 ? string.Join('/', r.Segments.Skip(3)) : null;

    public UpstreamResponse Handle(UpstreamRequest r)
    {
        if (r.Segments is not ["downloads", var mode and ("point" or "range"), var period, ..])
            return Error(404, "not found");
        if (!TryPeriod(period, out var start, out var end))
            return Error(400, "invalid date range");
        var names = r.Segments.Count > 3 ? string.Join('/', r.Segments.Skip(3)) : null;
        var range = mode == "range";
        if (names is null)
            return UpstreamResponse.Json(w => WriteCounts(w, null, start, end, range));
        if (!names.Contains(','))
        {
            var p = Find(names);
            return p is null ? Error(404, $"package {names} not found") : UpstreamResponse.Json(w => WriteCounts(w, p, start, end, range));
        }

        var list = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
        if (list.Any(n => n.StartsWith('@')))
            return Error(400, "scoped packages not supported for bulk queries");
        if (list.Length > MaxBulk)
            return Error(400, $"bulk queries are limited to {MaxBulk} packages");
        return UpstreamResponse.Json(w =>
        {
            w.WriteStartObject();
            foreach (var n in list)
            {
                w.WritePropertyName(n);
                if (Find(n) is { } p)
                    WriteCounts(w, p, start, end, range);
                else
                    w.WriteNullValue();
            }
            w.WriteEndObject();
        });
    }

    /// <summary>Downloads of <paramref name="p"/> on one UTC day (0 before it was published).</summary>
    public static long Daily(PackageFacts p, DateOnly day)
    {
        if (day < DateOnly.FromDateTime(p.CreatedAt.UtcDateTime))
            return 0;
        var index = ((int)day.DayOfWeek + 6) % 7;
        if (index < 6)
            return Share(p.WeeklyDownloads, index);
        // Sunday takes the rounding remainder, so every 7-day window sums to exactly WeeklyDownloads.
        long others = 0;
        for (var i = 0; i < 6; i++)
            others += Share(p.WeeklyDownloads, i);
        return p.WeeklyDownloads - others;
    }

    private static long Share(long weekly, int index) => (long)Math.Round(weekly * DayWeights[index] / 7.0);

    private PackageFacts? Find(string name)
    {
        var p = universe.Get(Ecosystem.Npm, name);
        return p is null || p.MissingFrom.Contains(UpstreamKind.NpmDownloads) ? null : p;
    }

    private void WriteCounts(Utf8JsonWriter w, PackageFacts? p, DateOnly start, DateOnly end, bool range)
    {
        w.WriteStartObject();
        long total = 0;
        if (range)
            w.WriteStartArray("downloads");
        for (var d = start; d <= end; d = d.AddDays(1))
        {
            var n = p is null ? 2_500_000_000L / 7 : Daily(p, d);
            total += n;
            if (range)
            {
                w.WriteStartObject();
                w.WriteNumber("downloads", n);
                w.WriteString("day", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
        }
        if (range)
            w.WriteEndArray();
        else
            w.WriteNumber("downloads", total);
        w.WriteString("start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (p is not null)
            w.WriteString("package", p.Name);
        w.WriteEndObject();
    }

    private bool TryPeriod(string period, out DateOnly start, out DateOnly end)
    {
        // Data lands once a day after UTC midnight: the last full day is yesterday.
        end = DateOnly.FromDateTime(universe.Now.UtcDateTime).AddDays(-1);
        switch (period)
        {
            case "last-day": start = end; return true;
            case "last-week": start = end.AddDays(-6); return true;
            case "last-month": start = end.AddDays(-29); return true;
            case "last-year": start = end.AddDays(-364); return true;
        }
        var parts = period.Split(':');
        start = default;
        if (parts.Length is < 1 or > 2 || !TryDay(parts[0], out start))
            return false;
        if (parts.Length == 1)
        {
            end = start;
            return true;
        }
        if (!TryDay(parts[1], out end) || end < start || end.DayNumber - start.DayNumber > 547)
            return false;
        return true;
    }

    private static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static UpstreamResponse Error(int status, string message) =>
        UpstreamResponse.Json(status, w => { w.WriteStartObject(); w.WriteString("error", message); w.WriteEndObject(); });
}
