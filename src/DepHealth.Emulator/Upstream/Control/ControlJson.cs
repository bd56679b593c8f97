using System.Text.Json;
using DepHealth.Emulator.Upstream.Faults;
using DepHealth.Emulator.Upstream.Hosting;

namespace DepHealth.Emulator.Upstream.Control;

/// <summary>The control API's JSON: fault rules, latency and rate-limit settings in, log and rules out.</summary>
internal static class ControlJson
{
    /// <summary>
    /// <c>{"upstream":"npm","package":"chalk","pathContains":"/x","kind":"status|timeout|reset|malformedJson|truncatedBody|slowBody",
    /// "status":503,"retryAfter":2,"probability":0.5,"firstN":3,"perPath":true,"chunkBytes":16,"chunkIntervalMs":50,"hangForMs":60000}</c>
    /// </summary>
    public static FaultRule ReadFaultRule(JsonElement body)
    {
        var kindText = String(body, "kind") ?? "status";
        if (!Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            throw new FormatException($"unknown fault kind '{kindText}'");
        var rule = new FaultRule
        {
            Upstream = String(body, "upstream") is { } u ? UpstreamKinds.Parse(u) : null,
            Package = String(body, "package"),
            PathContains = String(body, "pathContains"),
            Kind = kind,
            StatusCode = Int(body, "status") ?? 500,
            RetryAfterSeconds = Int(body, "retryAfter"),
            Probability = body.TryGetProperty("probability", out var p) ? p.GetDouble() : 1.0,
            FirstN = Int(body, "firstN"),
            CountPerPath = body.TryGetProperty("perPath", out var pp) && pp.GetBoolean(),
            ChunkBytes = Int(body, "chunkBytes") ?? 16,
            ChunkInterval = TimeSpan.FromMilliseconds(Int(body, "chunkIntervalMs") ?? 50),
            HangFor = TimeSpan.FromMilliseconds(Int(body, "hangForMs") ?? 300_000),
        };
        rule.Validate();
        return rule;
    }

    /// <summary><c>{"upstream":"npm","fixedMs":60,"jitterMs":10}</c> and/or <c>{"newConnectionDelayMs":100}</c>.</summary>
    public static void ApplyLatency(JsonElement body, LatencyControl latency)
    {
        var upstream = String(body, "upstream");
        var any = false;
        if (upstream is not null)
        {
            latency[UpstreamKinds.Parse(upstream)] = LatencyProfile.Milliseconds(Double(body, "fixedMs") ?? 0, Double(body, "jitterMs") ?? 0);
            any = true;
        }
        if (Double(body, "newConnectionDelayMs") is { } d)
        {
            if (d < 0)
                throw new ArgumentOutOfRangeException(nameof(body), "newConnectionDelayMs must not be negative");
            latency.NewConnectionDelay = TimeSpan.FromMilliseconds(d);
            any = true;
        }
        if (!any)
            throw new FormatException("give \"upstream\" with \"fixedMs\"/\"jitterMs\", or \"newConnectionDelayMs\"");
    }

    /// <summary><c>{"limit":5000,"remaining":0,"authorization":"Bearer x","status":429}</c>; all optional.</summary>
    public static void ApplyRateLimit(JsonElement body, GitHubRateLimiter limiter)
    {
        if (Int(body, "limit") is { } limit)
            limiter.Limit = limit;
        if (Int(body, "status") is { } status)
            limiter.ExhaustedStatus = status is 403 or 429 ? status : throw new ArgumentOutOfRangeException(nameof(body), "status must be 403 or 429");
        if (Int(body, "remaining") is { } remaining)
            limiter.SetRemaining(String(body, "authorization"), remaining);
    }

    public static void WriteUrls(Utf8JsonWriter w, UpstreamBaseUrls urls)
    {
        w.WriteStartObject();
        foreach (var kind in UpstreamKinds.All)
            w.WriteString(kind.Token(), urls[kind]);
        w.WriteStartObject("env");
        foreach (var (name, value) in urls.EnvironmentVariables)
            w.WriteString(name, value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteLog(Utf8JsonWriter w, RequestLog log)
    {
        w.WriteStartObject();
        w.WriteStartArray("requests");
        foreach (var r in log.Requests)
        {
            w.WriteStartObject();
            w.WriteNumber("id", r.Id);
            w.WriteString("upstream", r.Upstream.Token());
            w.WriteString("method", r.Method);
            w.WriteString("path", r.Path);
            w.WriteString("subject", r.Subject);
            w.WriteNumber("status", r.Status);
            w.WriteString("fault", r.Fault);
            w.WriteString("connectionId", r.ConnectionId);
            w.WriteString("start", r.Start);
            w.WriteString("end", r.End);
            w.WriteNumber("durationMs", r.Duration.TotalMilliseconds);
            w.WriteNumber("addedLatencyMs", r.AddedLatency.TotalMilliseconds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("connections");
        foreach (var c in log.Connections)
        {
            w.WriteStartObject();
            w.WriteString("connectionId", c.ConnectionId);
            w.WriteString("acceptedAt", c.AcceptedAt);
            w.WriteNumber("delayMs", c.Delay.TotalMilliseconds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteFaults(Utf8JsonWriter w, IReadOnlyList<(int Id, FaultRule Rule)> rules)
    {
        w.WriteStartArray();
        foreach (var (id, r) in rules)
        {
            w.WriteStartObject();
            w.WriteNumber("id", id);
            w.WriteString("upstream", r.Upstream?.Token());
            w.WriteString("package", r.Package);
            w.WriteString("pathContains", r.PathContains);
            w.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(r.Kind.ToString()));
            w.WriteNumber("status", r.StatusCode);
            if (r.RetryAfterSeconds is { } ra) w.WriteNumber("retryAfter", ra);
            w.WriteNumber("probability", r.Probability);
            if (r.FirstN is { } n) w.WriteNumber("firstN", n);
            w.WriteBoolean("perPath", r.CountPerPath);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static double? Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
