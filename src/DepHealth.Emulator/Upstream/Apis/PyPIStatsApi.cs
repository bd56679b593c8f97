using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream.Hosting;
using DepHealth.Emulator.Upstream.Universe;

namespace DepHealth.Emulator.Upstream.Apis;

/// <summary>pypistats <c>/api/packages/{name}/recent[?period=day|week|month]</c>.</summary>
internal sealed class PyPIStatsApi(UpstreamUniverse universe) : IUpstreamApi
{
    public UpstreamKind Kind => UpstreamKind.PyPIStats;

    public string? SubjectOf(UpstreamRequest r) => r.Segments is ["api", "packages", var name, ..] ? name : null;

    public UpstreamResponse Handle(UpstreamRequest r)
    {
        if (r.Segments is not ["api", "packages", var name, "recent"])
            return NotFound();
        var p = universe.Get(Ecosystem.PyPI, name);
        if (p is null || p.MissingFrom.Contains(UpstreamKind.PyPIStats))
            return NotFound();
        var period = r.QueryValue("period");
        if (period is not (null or "day" or "week" or "month"))
            return UpstreamResponse.Json(400, w => { w.WriteStartObject(); w.WriteString("message", "Invalid period"); w.WriteEndObject(); });
        var week = p.WeeklyDownloads;
        return UpstreamResponse.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("data");
            if (period is null or "day") w.WriteNumber("last_day", week / 7);
            if (period is null or "month") w.WriteNumber("last_month", week * 30 / 7);
            if (period is null or "week") w.WriteNumber("last_week", week);
            w.WriteEndObject();
            w.WriteString("package", PackageNames.NormalizePyPI(p.Name));
            w.WriteString("type", "recent_downloads");
            w.WriteEndObject();
        });
    }

    private static UpstreamResponse NotFound() =>
        UpstreamResponse.Json(404, w => { w.WriteStartObject(); w.WriteString("message", "Not Found"); w.WriteEndObject(); });
}
