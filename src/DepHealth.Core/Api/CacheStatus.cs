namespace DepHealth.Core.Api;

/// <summary>The <c>X-Cache</c> response header: where a package answer came from.</summary>
public static class CacheStatus
{
    public const string Header = "X-Cache";

    /// <summary>An expired cached record, served because the store could not be read in time.</summary>
    public const string Stale = "stale";
}
