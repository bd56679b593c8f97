using System.Text.Json;
using System.Text.Json.Serialization;

namespace DepHealth.Lambda.Events;

/// <summary>An EventBridge event, as a schedule rule delivers it; <see cref="Detail"/> stays raw JSON.</summary>
public sealed class ScheduledEvent
{
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("detail-type")] public string? DetailType { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("account")] public string? Account { get; set; }
    [JsonPropertyName("time")] public DateTimeOffset? Time { get; set; }
    [JsonPropertyName("region")] public string? Region { get; set; }
    [JsonPropertyName("resources")] public List<string>? Resources { get; set; }
    [JsonPropertyName("detail")] public JsonElement Detail { get; set; }
}
