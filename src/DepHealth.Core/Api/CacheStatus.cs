namespace DepHealth.Core.Api;

/// <summary>The <c>X-Cache</c> response header on package answers: where the answer came from.</summary>
public static class CacheStatus
{
    public const string Header = "X-Cache";

    /// <summary>The package cache answered.</summary>
    public const string Hit = "hit";

    /// <summary>The store was read.</summary>
    public const string Miss = "miss";

    /// <summary>An expired cached record, served because the store could not be read in time.</summary>
    public const string Stale = "stale";
}
