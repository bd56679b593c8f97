using System.Text.Json;
using System.Text.Json.Serialization;
using DepHealth.Core.Json;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Collection.Queue;

/// <summary>
/// One "collect this package" request as it travels through the queue (an SQS message body, or an in-process
/// channel item): <c>{"ecosystem","name","reason","force_refresh","requested_at","tier"}</c>.
/// </summary>
public sealed record CollectionMessage
{
    [JsonPropertyName("ecosystem")] public required string Ecosystem { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>Why it was queued: one of <see cref="CollectionReasons"/> (free text is accepted and kept).</summary>
    [JsonPropertyName("reason")] public string Reason { get; init; } = CollectionReasons.GetDiscovery;

    /// <summary>Collect even when the stored record is inside the dedup window.</summary>
    [JsonPropertyName("force_refresh")] public bool ForceRefresh { get; init; }

    /// <summary>When it was asked for; queues stamp it at send time when the sender left it empty.</summary>
    [JsonPropertyName("requested_at")] public DateTimeOffset? RequestedAt { get; init; }

    /// <summary>Refresh tier (1 daily, 2 every 3 days, 3 weekly); null keeps the stored tier.</summary>
    [JsonPropertyName("tier")] public int? Tier { get; init; }

    /// <summary>Transport only (never serialised): how long the queue holds the message back, 0..15 minutes.</summary>
    [JsonIgnore] public TimeSpan Delay { get; init; }

    /// <summary>The longest delay SQS accepts (DelaySeconds 900); longer delays are clamped to it.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>A message for a stored key.</summary>
    public static CollectionMessage For(PackageKey key, string reason, bool forceRefresh = false) =>
        new() { Ecosystem = key.Ecosystem, Name = key.Name, Reason = reason, ForceRefresh = forceRefresh };

    /// <summary>The key, when the ecosystem is supported (the name is normalised but not validated).</summary>
    public bool TryGetKey(out PackageKey key)
    {
        if (Ecosystems.TryParse(Ecosystem, out var eco) && !string.IsNullOrEmpty(Name))
        {
            key = new PackageKey(eco.ToWire(), PackageNames.Normalize(eco, Name));
            return true;
        }
        key = default;
        return false;
    }

    /// <summary>The delay SQS and the channel apply: <see cref="Delay"/> clamped to 0..<see cref="MaxDelay"/>.</summary>
    [JsonIgnore] public TimeSpan EffectiveDelay => Delay <= TimeSpan.Zero ? TimeSpan.Zero : Delay >= MaxDelay ? MaxDelay : Delay;

    public string ToJson() => JsonSerializer.Serialize(this, DepHealthJsonContext.Default.CollectionMessage);

    /// <summary>Parses a message body; false with a short reason for anything that is not a message.</summary>
    public static bool TryParse(string? body, out CollectionMessage? message, out string? error)
    {
        message = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            error = "empty message body";
            return false;
        }
        try
        {
            message = JsonSerializer.Deserialize(body, DepHealthJsonContext.Default.CollectionMessage);
        }
        catch (JsonException e)
        {
            error = "not a collection message: " + (e.Path is { Length: > 0 } path ? $"bad or missing field at {path}" : "invalid JSON");
            return false;
        }
        error = message is null ? "not a collection message: null" : null;
        return message is not null;
    }
}

/// <summary>Why a package was queued; the values travel in <see cref="CollectionMessage.Reason"/>.</summary>
public static class CollectionReasons
{
    public const string GetDiscovery = "get_discovery";
    public const string ScanDiscovery = "scan_discovery";
    public const string UserRequest = "user_request";
    public const string RefreshDaily = "refresh_daily";
    public const string RefreshThreeDay = "refresh_3day";
    public const string RefreshWeekly = "refresh_weekly";
    /// <summary>A retry of an incomplete record: counts toward the retry limit (the original's <c>incomplete_data_retry</c>).</summary>
    public const string Retry = "retry";

    /// <summary>True for reasons that mark a retry of incomplete data.</summary>
    public static bool IsRetry(string? reason) => reason is Retry or "incomplete_data_retry";
}
