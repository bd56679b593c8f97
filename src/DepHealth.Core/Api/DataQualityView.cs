using DepHealth.Core.Packages;

namespace DepHealth.Core.Api;

/// <summary>The compact data-quality assessment of a record (reference §3.4): VERIFIED/PARTIAL/UNVERIFIED/UNAVAILABLE.</summary>
public readonly record struct DataQualityView(string Assessment, bool HasRepository)
{
    public const string Verified = "VERIFIED";
    public const string Partial = "PARTIAL";
    public const string Unverified = "UNVERIFIED";
    public const string Unavailable = "UNAVAILABLE";

    public static DataQualityView Of(PackageRecord record)
    {
        var hasRepo = !string.IsNullOrEmpty(record.RepositoryUrl);
        var assessment = (record.DataStatus ?? "minimal") switch
        {
            "complete" => Verified,
            "partial" when hasRepo => Partial,
            "abandoned_minimal" => Unavailable,
            _ => Unverified,
        };
        return new DataQualityView(assessment, hasRepo);
    }
}
