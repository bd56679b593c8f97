using System.Diagnostics;
using System.Text;
using DepHealth.Core.Api;
using DepHealth.Core.Packages;

namespace DepHealth.Bench.Harness;

/// <summary>Requests and records the API suites send and store, and a timed handler call.</summary>
public static class ApiCalls
{
    public static ApiRequest Get(string path, string key) => new()
    {
        Method = "GET",
        Path = path,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-API-Key"] = key },
        SourceIp = "127.0.0.1",
    };

    public static ApiRequest Scan(IEnumerable<string> names, string key, string ecosystem = "npm") => new()
    {
        Method = "POST",
        Path = "/v1/scan",
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-API-Key"] = key,
            ["Content-Type"] = "application/json",
        },
        Body = ScanBody(names, ecosystem),
        SourceIp = "127.0.0.1",
    };

    public static byte[] ScanBody(IEnumerable<string> names, string ecosystem = "npm") =>
        Encoding.UTF8.GetBytes($"{{\"ecosystem\":\"{ecosystem}\",\"dependencies\":[" + string.Join(",", names.Select(n => $"\"{n}\"")) + "]}");

    /// <summary>One request through the handler, timed (ms); then the after-response work a host runs, untimed.</summary>
    public static async Task<double> TimedCallAsync(ApiApplication app, ApiRequest request)
    {
        var start = Stopwatch.GetTimestamp();
        var response = await app.Handler.HandleAsync(request);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != 200)
            throw new InvalidOperationException($"{request.Method} {request.Path} answered {response.StatusCode}: {Encoding.UTF8.GetString(response.Body.Span)}");
        await app.AfterResponse.RunAfterResponseAsync();
        return elapsed;
    }

    /// <summary>A complete stored record, as the collectors write it.</summary>
    public static PackageRecord Record(string name, string ecosystem = "npm") => new()
    {
        Ecosystem = ecosystem,
        Name = name,
        LatestVersion = "1.0.0",
        HealthScore = 70 + name.Length % 25,
        RiskLevel = name.Length % 3 == 0 ? "MEDIUM" : "LOW",
        WeeklyDownloads = 100_000,
        Stars = 1000,
        DataStatus = "complete",
        RepositoryUrl = "https://github.com/example/" + name,
        Sources = ["bench"],
        CollectedAt = DateTimeOffset.UtcNow,
        LastUpdated = DateTimeOffset.UtcNow,
    };
}
