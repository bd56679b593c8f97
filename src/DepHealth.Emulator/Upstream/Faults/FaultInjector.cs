using DepHealth.Emulator.Upstream.Universe;

namespace DepHealth.Emulator.Upstream.Faults;

/// <summary>The live set of fault rules; thread-safe, changeable while requests run. The first rule that fires wins.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<(int Id, FaultRule Rule)> _rules = [];
    private readonly Dictionary<(int, string), int> _counts = [];
    private readonly SeededRandom _random;
    private int _nextId;

    internal FaultInjector(int seed) => _random = new SeededRandom(seed, "faults");

    /// <summary>Adds a rule after the existing ones and returns its id.</summary>
    public int Add(FaultRule rule)
    {
        rule.Validate();
        lock (_gate)
        {
            var id = ++_nextId;
            _rules.Add((id, rule));
            return id;
        }
    }

    public bool Remove(int id)
    {
        lock (_gate)
            return _rules.RemoveAll(r => r.Id == id) > 0;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _counts.Clear();
        }
    }

    public IReadOnlyList<(int Id, FaultRule Rule)> Rules
    {
        get { lock (_gate) return _rules.ToArray(); }
    }

    /// <summary>The rule that fires for this request, if any (counts and draws are consumed only for matching rules).</summary>
    internal FaultRule? Decide(UpstreamKind upstream, string? subject, string path)
    {
        lock (_gate)
        {
            foreach (var (id, rule) in _rules)
            {
                if (rule.Upstream is { } u && u != upstream)
                    continue;
                if (rule.Package is { } p && !string.Equals(p, subject, StringComparison.OrdinalIgnoreCase))
                    continue;
                if (rule.PathContains is { } c && !path.Contains(c, StringComparison.Ordinal))
                    continue;
                if (rule.FirstN is { } n)
                {
                    var key = (id, rule.CountPerPath ? path : "");
                    var seen = _counts.GetValueOrDefault(key);
                    if (seen >= n)
                        continue;
                    _counts[key] = seen + 1;
                }
                if (rule.Probability < 1 && _random.NextDouble() >= rule.Probability)
                    continue;
                return rule;
            }
            return null;
        }
    }
}
