using System.Text.Json;

namespace DepHealth.Core.Observability;

/// <summary>A CloudWatch metric unit (the names EMF accepts).</summary>
public enum MetricUnit
{
    Count,
    Milliseconds,
    None,
}

/// <summary>One metric value in an EMF line.</summary>
public readonly record struct MetricValue(string Name, double Value, MetricUnit Unit);

/// <summary>
/// CloudWatch Embedded Metric Format: a JSON log line whose <c>_aws.CloudWatchMetrics</c> block tells CloudWatch
/// to extract metrics from it, so no PutMetricData call (and no latency) is spent. Dimension values are top-level
/// members of the same line, as are the metric values.
/// </summary>
public sealed class EmbeddedMetrics(JsonLineWriter writer, TimeProvider time, string metricNamespace = EmbeddedMetrics.DefaultNamespace)
{
    public const string DefaultNamespace = "DepHealth";
    public const string NamespaceVariable = "DEPHEALTH_METRICS_NAMESPACE";

    public string Namespace { get; } = metricNamespace;

    /// <summary>The namespace from DEPHEALTH_METRICS_NAMESPACE, or DepHealth.</summary>
    public static EmbeddedMetrics FromEnvironment(JsonLineWriter writer, TimeProvider time, Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        return new EmbeddedMetrics(writer, time, lookup(NamespaceVariable) is { Length: > 0 } ns ? ns : DefaultNamespace);
    }

    /// <summary>Writes one EMF line with the given dimensions (name → value) and metrics.</summary>
    public void Emit(IReadOnlyList<KeyValuePair<string, string>> dimensions, params MetricValue[] metrics) => writer.Write(w =>
    {
        w.WriteStartObject("_aws");
        w.WriteNumber("Timestamp", time.GetUtcNow().ToUnixTimeMilliseconds());
        w.WriteStartArray("CloudWatchMetrics");
        w.WriteStartObject();
        w.WriteString("Namespace", Namespace);
        w.WriteStartArray("Dimensions");
        w.WriteStartArray();
        foreach (var d in dimensions) w.WriteStringValue(d.Key);
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteStartArray("Metrics");
        foreach (var m in metrics)
        {
            w.WriteStartObject();
            w.WriteString("Name", m.Name);
            w.WriteString("Unit", m.Unit.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        foreach (var d in dimensions) w.WriteString(d.Key, d.Value);
        foreach (var m in metrics) w.WriteNumber(m.Name, m.Value);
    });
}

/// <summary>
/// DepHealth's metrics, one method per thing worth watching; each writes one EMF line. The per-request latency and
/// cache-hit metrics ride on the request log line instead (<see cref="RequestLog"/>).
/// </summary>
public sealed class ServiceMetrics(EmbeddedMetrics emf)
{
    private static KeyValuePair<string, string> D(string name, string value) => new(name, value);

    /// <summary>Latency of one DynamoDB operation (Get, BatchGet, Put) of the packages store.</summary>
    public void StoreLatency(string operation, TimeSpan latency, bool ok) =>
        emf.Emit([D("Operation", operation)],
            new MetricValue("StoreLatency", latency.TotalMilliseconds, MetricUnit.Milliseconds),
            new MetricValue("StoreErrors", ok ? 0 : 1, MetricUnit.Count));

    /// <summary>One upstream call by source (deps.dev, npm, github…): its latency and whether it failed.</summary>
    public void Upstream(string source, TimeSpan latency, bool failed) =>
        emf.Emit([D("Source", source)],
            new MetricValue("UpstreamLatency", latency.TotalMilliseconds, MetricUnit.Milliseconds),
            new MetricValue("UpstreamFailures", failed ? 1 : 0, MetricUnit.Count));

    /// <summary>How long collecting one package took, by resulting data status (complete, partial, minimal).</summary>
    public void CollectionDuration(string dataStatus, TimeSpan duration) =>
        emf.Emit([D("DataStatus", dataStatus)], new MetricValue("CollectionDuration", duration.TotalMilliseconds, MetricUnit.Milliseconds));

    /// <summary>A request refused for quota: monthly (a key over its limit) or demo (anonymous over 20/hour).</summary>
    public void QuotaDenied(string kind) =>
        emf.Emit([D("Kind", kind)], new MetricValue("QuotaDenials", 1, MetricUnit.Count));
}
