namespace DepHealth.Core.Collection.Http;

/// <summary>One upstream call of a collection: when it ran (ms since the collection started), what it waited for, how it ended.</summary>
public sealed record CallTiming(string Call, IReadOnlyList<string> DependsOn, double StartMs, double EndMs, int? Status, string Outcome)
{
    public double DurationMs => EndMs - StartMs;
}

/// <summary>Collects the <see cref="CallTiming"/>s of one collection, thread-safe.</summary>
public sealed class CallRecorder
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly List<CallTiming> _calls = [];

    public CallRecorder(TimeProvider time)
    {
        _time = time;
        _start = time.GetTimestamp();
    }

    /// <summary>Milliseconds since this recorder was created.</summary>
    public double Now => _time.GetElapsedTime(_start).TotalMilliseconds;

    public void Add(CallTiming timing)
    {
        lock (_calls)
            _calls.Add(timing);
    }

    public IReadOnlyList<CallTiming> Calls
    {
        get
        {
            lock (_calls)
                return [.. _calls.OrderBy(c => c.StartMs)];
        }
    }
}

/// <summary>The critical path of a call graph: the longest chain of call durations along the recorded dependencies.</summary>
public static class CriticalPath
{
    public static double Compute(IReadOnlyList<CallTiming> calls)
    {
        var byName = new Dictionary<string, CallTiming>(StringComparer.Ordinal);
        foreach (var call in calls)
            byName[call.Call] = call;
        var memo = new Dictionary<string, double>(StringComparer.Ordinal);
        double Longest(CallTiming call)
        {
            if (memo.TryGetValue(call.Call, out var known))
                return known;
            memo[call.Call] = call.DurationMs; // guards against a cycle
            var before = 0.0;
            foreach (var dep in call.DependsOn)
            {
                if (byName.TryGetValue(dep, out var d))
                    before = Math.Max(before, Longest(d));
            }
            return memo[call.Call] = before + call.DurationMs;
        }
        return calls.Count == 0 ? 0 : calls.Max(Longest);
    }
}
