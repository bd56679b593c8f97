using DepHealth.Core.Api;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Observability;

/// <summary>
/// The request log and the service metrics of one process, and the decorators that apply them to the API's handler
/// and package store. Both hosts get it from <see cref="FromEnvironment"/>; tests pass a writer over their own stream.
/// </summary>
public sealed class ApiObservability
{
    /// <summary>Set to 0 (or false/off) to write no request lines and no metrics, e.g. for benchmarks.</summary>
    public const string LogRequestsVariable = "DEPHEALTH_LOG_REQUESTS";

    public ApiObservability(JsonLineWriter writer, TimeProvider time, string metricNamespace = EmbeddedMetrics.DefaultNamespace)
    {
        Time = time;
        Requests = new RequestLog(writer, time, metricNamespace);
        Metrics = new ServiceMetrics(new EmbeddedMetrics(writer, time, metricNamespace));
    }

    public RequestLog Requests { get; }
    public ServiceMetrics Metrics { get; }
    public TimeProvider Time { get; }

    /// <summary>
    /// Request lines and metrics on <paramref name="writer"/> (default: standard output), in the namespace of
    /// DEPHEALTH_METRICS_NAMESPACE; null when DEPHEALTH_LOG_REQUESTS turns them off.
    /// </summary>
    public static ApiObservability? FromEnvironment(Func<string, string?>? lookup = null, JsonLineWriter? writer = null, TimeProvider? time = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        if (IsOff(lookup(LogRequestsVariable)))
            return null;
        var ns = lookup(EmbeddedMetrics.NamespaceVariable) is { Length: > 0 } n ? n : EmbeddedMetrics.DefaultNamespace;
        return new ApiObservability(writer ?? JsonLineWriter.StandardOutput, time ?? TimeProvider.System, ns);
    }

    /// <summary>The metrics alone (for the collector hosts), or null when DEPHEALTH_LOG_REQUESTS turns them off.</summary>
    public static ServiceMetrics? MetricsFromEnvironment(Func<string, string?>? lookup = null) => FromEnvironment(lookup)?.Metrics;

    public IApiHandler Wrap(IApiHandler handler) => new ObservedApiHandler(handler, Requests, Metrics, Time);

    public IPackageStore Wrap(IPackageStore store) => new ObservedPackageStore(store, Metrics, Time);

    private static bool IsOff(string? value) =>
        value is not null && (value.Trim() is "0" || value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase)
                              || value.Trim().Equals("off", StringComparison.OrdinalIgnoreCase));
}
