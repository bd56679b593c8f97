namespace DepHealth.Core.Api;

/// <summary>The top-level members of a package response that <c>?fields=</c> can select.</summary>
[Flags]
public enum PackageField
{
    None = 0,
    Package = 1 << 0,
    Ecosystem = 1 << 1,
    HealthScore = 1 << 2,
    RiskLevel = 1 << 3,
    AbandonmentRisk = 1 << 4,
    Components = 1 << 5,
    Confidence = 1 << 6,
    Signals = 1 << 7,
    OpenSsfChecks = 1 << 8,
    Advisories = 1 << 9,
    LatestVersion = 1 << 10,
    LastPublished = 1 << 11,
    RepositoryUrl = 1 << 12,
    LastUpdated = 1 << 13,
    DataQuality = 1 << 14,
    Explanation = 1 << 15,
    All = (1 << 16) - 1,
}

/// <summary>Parses <c>?fields=a,b</c> into a <see cref="PackageField"/> set, rejecting unknown names.</summary>
public static class PackageFields
{
    /// <summary>Wire names in response order.</summary>
    public static readonly IReadOnlyList<(string Name, PackageField Field)> Names =
    [
        ("package", PackageField.Package),
        ("ecosystem", PackageField.Ecosystem),
        ("health_score", PackageField.HealthScore),
        ("risk_level", PackageField.RiskLevel),
        ("abandonment_risk", PackageField.AbandonmentRisk),
        ("components", PackageField.Components),
        ("confidence", PackageField.Confidence),
        ("signals", PackageField.Signals),
        ("openssf_checks", PackageField.OpenSsfChecks),
        ("advisories", PackageField.Advisories),
        ("latest_version", PackageField.LatestVersion),
        ("last_published", PackageField.LastPublished),
        ("repository_url", PackageField.RepositoryUrl),
        ("last_updated", PackageField.LastUpdated),
        ("data_quality", PackageField.DataQuality),
        ("explanation", PackageField.Explanation),
    ];

    public static string ValidNames { get; } = string.Join(", ", Names.Select(n => n.Name));

    private const int MaxLength = 1024;

    /// <summary>
    /// Absent or empty <paramref name="query"/> selects everything. Returns false with a message naming the
    /// unknown field(s) and the valid ones.
    /// </summary>
    public static bool TryParse(string? query, out PackageField fields, out string? error)
    {
        fields = PackageField.All;
        error = null;
        if (string.IsNullOrWhiteSpace(query))
            return true;
        if (query.Length > MaxLength)
        {
            error = $"fields is too long (max {MaxLength} characters). Valid fields: {ValidNames}";
            return false;
        }

        var selected = PackageField.None;
        List<string>? unknown = null;
        foreach (var range in query.AsSpan().Split(','))
        {
            var part = query.AsSpan(range).Trim();
            if (part.IsEmpty)
                continue;
            var match = PackageField.None;
            foreach (var (name, field) in Names)
            {
                if (part.SequenceEqual(name))
                {
                    match = field;
                    break;
                }
            }
            if (match == PackageField.None)
                (unknown ??= []).Add(part.Length > 64 ? part[..64].ToString() + "…" : part.ToString());
            selected |= match;
        }

        if (unknown is not null)
        {
            error = $"Unknown field(s): {string.Join(", ", unknown.Take(10))}. Valid fields: {ValidNames}";
            return false;
        }
        fields = selected == PackageField.None ? PackageField.All : selected;
        return true;
    }
}
