using System.Collections.Concurrent;
using System.Text;

namespace DepHealth.Testing;

/// <summary>What <see cref="LatencyProxy"/> does to a request a <see cref="FaultRule"/> selects.</summary>
public enum DynamoFault
{
    /// <summary>400 <c>ProvisionedThroughputExceededException</c>, not forwarded (DynamoDB did nothing).</summary>
    ProvisionedThroughputExceeded,
    /// <summary>400 <c>ThrottlingException</c>, not forwarded.</summary>
    Throttling,
    /// <summary>500 <c>InternalServerError</c>, not forwarded.</summary>
    InternalServerError,
    /// <summary>Forwarded (DynamoDB applied it), then answered with a 500: the caller cannot know it was applied.</summary>
    InternalServerErrorAfterForward,
    /// <summary>The connection is aborted before forwarding.</summary>
    DropConnection,
    /// <summary>Forwarded (applied), then the connection is aborted instead of answering.</summary>
    DropConnectionAfterForward,
    /// <summary>Never answered until the client gives up (or the proxy stops).</summary>
    Hang,
    /// <summary>Forwarded after <see cref="FaultRule.Delay"/>; combines with the other rules.</summary>
    Latency,
}

/// <summary>
/// One fault: which operation (<c>GetItem</c>, <c>BatchGetItem</c>, <c>UpdateItem</c>…; null = any), which fraction of
/// its requests, and at most how many times (null = unlimited).
/// </summary>
public sealed record FaultRule(DynamoFault Fault, string? Operation = null, double Fraction = 1.0, int? Limit = null)
{
    /// <summary>Added delay of a <see cref="DynamoFault.Latency"/> rule.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The first this-many matching requests pass untouched (to fault, say, only the second batch).</summary>
    public int Skip { get; init; }
}

/// <summary>
/// The fault plan of a <see cref="LatencyProxy"/>: rules chosen per request with a seeded random source (so a run
/// is reproducible), counts of what was injected, and a signal per request that starts hanging.
/// </summary>
public sealed class DynamoFaults
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<(string Operation, DynamoFault Fault), int> _injected = new();
    private FaultRule[] _rules = [];
    private int[] _used = [];
    private int[] _seen = [];
    private Random _random = new(1);
    private readonly SemaphoreSlim _hangs = new(0);

    /// <summary>Replaces the rules (and reseeds the random source); no rules: every request passes through.</summary>
    public void Set(int seed, params FaultRule[] rules)
    {
        foreach (var rule in rules)
        {
            if (rule.Fraction is < 0 or > 1)
                throw new ArgumentOutOfRangeException(nameof(rules), rule.Fraction, "Fraction must be 0..1");
        }
        lock (_gate)
        {
            _rules = rules;
            _used = new int[rules.Length];
            _seen = new int[rules.Length];
            _random = new Random(seed);
        }
    }

    public void Set(params FaultRule[] rules) => Set(1, rules);

    public void Clear() => Set();

    /// <summary>How many times <paramref name="fault"/> was injected into <paramref name="operation"/> (null = any operation).</summary>
    public int Injected(DynamoFault fault, string? operation = null) =>
        _injected.Where(kv => kv.Key.Fault == fault && (operation is null || kv.Key.Operation == operation)).Sum(kv => kv.Value);

    /// <summary>All faults injected so far (latency included).</summary>
    public int TotalInjected => _injected.Values.Sum();

    /// <summary>Waits for the next request to start hanging (each hang is reported once, in order).</summary>
    public async Task NextHangAsync(TimeSpan? timeout = null)
    {
        if (!await _hangs.WaitAsync(timeout ?? TimeSpan.FromSeconds(30)))
            throw new TimeoutException("no request started hanging");
    }

    /// <summary>The added delay and the failure (if any) for one request of <paramref name="operation"/>.</summary>
    internal (TimeSpan Delay, DynamoFault? Failure) Choose(string operation)
    {
        var delay = TimeSpan.Zero;
        DynamoFault? failure = null;
        lock (_gate)
        {
            for (var i = 0; i < _rules.Length; i++)
            {
                var rule = _rules[i];
                if (rule.Operation is not null && !rule.Operation.Equals(operation, StringComparison.Ordinal))
                    continue;
                if (rule.Fault != DynamoFault.Latency && failure is not null)
                    continue;
                if (_seen[i]++ < rule.Skip)
                    continue;
                if (rule.Limit is { } limit && _used[i] >= limit)
                    continue;
                if (rule.Fraction < 1 && _random.NextDouble() >= rule.Fraction)
                    continue;
                _used[i]++;
                _injected.AddOrUpdate((operation, rule.Fault), 1, (_, n) => n + 1);
                if (rule.Fault == DynamoFault.Latency)
                    delay += rule.Delay;
                else
                    failure = rule.Fault;
            }
        }
        return (delay, failure);
    }

    internal void SignalHang() => _hangs.Release();

    /// <summary>DynamoDB's JSON 1.0 error document, which the AWS SDK maps to its typed exceptions by <c>__type</c>.</summary>
    internal static (int Status, byte[] Body) ErrorOf(DynamoFault fault) => fault switch
    {
        DynamoFault.ProvisionedThroughputExceeded => (400, Error("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.")),
        DynamoFault.Throttling => (400, Error("com.amazon.coral.availability#ThrottlingException", "Rate of requests exceeds the allowed throughput.")),
        DynamoFault.InternalServerError or DynamoFault.InternalServerErrorAfterForward =>
            (500, Error("com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error")),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "not an error response"),
    };

    private static byte[] Error(string type, string message) =>
        Encoding.UTF8.GetBytes($$"""{"__type":"{{type}}","message":"{{message}}"}""");
}
