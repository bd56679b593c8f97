using System.Text.Json.Serialization;
using DepHealth.Core.Packages;
using DepHealth.Core.Scoring;

namespace DepHealth.Core.Json;

/// <summary>
/// The one source-generated serializer context of DepHealth: no reflection on any path. Capabilities add
/// their types here, one line each, grouped by capability. Whole doubles already serialise as
/// integers (85.0 → 85), as the original's Decimal encoder did.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    WriteIndented = false)]
[JsonSerializable(typeof(PackageRecord))]
[JsonSerializable(typeof(List<PackageRecord>))]
// Scoring
[JsonSerializable(typeof(PackageScore))]
[JsonSerializable(typeof(DataQuality))]
[JsonSerializable(typeof(DataQualityCompact))]
[JsonSerializable(typeof(ScoreLineError))]
// Collection queue
[JsonSerializable(typeof(DepHealth.Core.Collection.Queue.CollectionMessage))]
// Manifests
[JsonSerializable(typeof(DepHealth.Core.Manifests.DependencyJsonLine))]
[JsonSerializable(typeof(DepHealth.Core.Manifests.SkippedJsonLine))]
// API client (CLI)
[JsonSerializable(typeof(DepHealth.Core.Api.Client.PackageHealth))]
[JsonSerializable(typeof(DepHealth.Core.Api.Client.ScanRequestBody))]
[JsonSerializable(typeof(DepHealth.Core.Api.Client.ScanResult))]
[JsonSerializable(typeof(DepHealth.Core.Api.Client.UsageResult))]
[JsonSerializable(typeof(DepHealth.Core.Api.Client.ErrorBody))]
// Collection dispatchers (refresh tiers, incomplete-data retries)
[JsonSerializable(typeof(DepHealth.Core.Collection.Dispatch.DispatchReport))]
public sealed partial class DepHealthJsonContext : JsonSerializerContext;
