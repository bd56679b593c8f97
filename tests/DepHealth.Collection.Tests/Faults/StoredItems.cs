using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace DepHealth.Collection.Tests.Faults;

/// <summary>How a stored attribute fared between a good record and the record written after a faulty collection.</summary>
public sealed record FieldComparison(int Compared, IReadOnlyList<string> Lost, IReadOnlyList<string> Changed, IReadOnlyList<string> Recomputed);

/// <summary>Compares raw DynamoDB items attribute by attribute (canonical text of each value, maps in key order).</summary>
public static class StoredItems
{
    /// <summary>Bookkeeping a collection rewrites by design: when, how complete, which sources, the retry schedule.</summary>
    public static readonly IReadOnlySet<string> Bookkeeping = new HashSet<string>(StringComparer.Ordinal)
    {
        "collected_at", "last_updated", "data_status", "missing_sources", "data_freshness", "stale_sources",
        "stale_reason", "retry_count", "next_retry_at", "sources", "scored_at",
    };

    /// <summary>Scores are recomputed from the kept values and the new data quality: present after, value may move.</summary>
    public static readonly IReadOnlySet<string> Derived = new HashSet<string>(StringComparer.Ordinal)
    {
        "health_score", "risk_level", "score_components", "confidence", "confidence_interval", "abandonment_risk",
    };

    /// <summary>
    /// Every attribute of <paramref name="before"/> is compared: a collected field must be present after with the same
    /// value (else it is lost or changed), a derived score must still be present, bookkeeping is checked elsewhere.
    /// </summary>
    public static FieldComparison Compare(Dictionary<string, AttributeValue> before, Dictionary<string, AttributeValue> after)
    {
        var lost = new List<string>();
        var changed = new List<string>();
        var recomputed = new List<string>();
        var compared = 0;
        foreach (var (name, value) in before.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (Bookkeeping.Contains(name))
                continue;
            compared++;
            if (!after.TryGetValue(name, out var now))
            {
                lost.Add(name);
                continue;
            }
            if (Canonical(value) == Canonical(now))
                continue;
            if (Derived.Contains(name))
                recomputed.Add(name);
            else
                changed.Add($"{name}: {Canonical(value)} -> {Canonical(now)}");
        }
        return new FieldComparison(compared, lost, changed, recomputed);
    }

    public static string Canonical(AttributeValue v)
    {
        var sb = new StringBuilder();
        Write(v, sb);
        return sb.ToString();
    }

    private static void Write(AttributeValue v, StringBuilder sb)
    {
        if (v.S is not null) sb.Append("S:").Append(v.S);
        else if (v.N is not null) sb.Append("N:").Append(decimal.Parse(v.N, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
        else if (v.BOOL is { } b) sb.Append("B:").Append(b);
        else if (v.NULL == true) sb.Append("NULL");
        else if (v.L is { } list)
        {
            sb.Append('[');
            foreach (var item in list) { Write(item, sb); sb.Append(','); }
            sb.Append(']');
        }
        else if (v.M is { } map)
        {
            sb.Append('{');
            foreach (var (k, item) in map.OrderBy(p => p.Key, StringComparer.Ordinal)) { sb.Append(k).Append('='); Write(item, sb); sb.Append(','); }
            sb.Append('}');
        }
        else if (v.SS is { Count: > 0 } ss) sb.Append("SS:").Append(string.Join(',', ss.Order(StringComparer.Ordinal)));
        else if (v.NS is { Count: > 0 } ns) sb.Append("NS:").Append(string.Join(',', ns.Order(StringComparer.Ordinal)));
        else sb.Append("EMPTY");
    }
}
