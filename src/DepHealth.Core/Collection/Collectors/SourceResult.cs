namespace DepHealth.Core.Collection.Collectors;

/// <summary>How a source answered.</summary>
public enum SourceStatus
{
    Ok,
    /// <summary>The upstream says the package (or repository) does not exist.</summary>
    NotFound,
    /// <summary>The upstream failed (timeout, 5xx, circuit open, bad body, …): a later retry may succeed.</summary>
    Failed,
    /// <summary>Not attempted: no URL configured, or the rate limit would be exceeded.</summary>
    Skipped,
}

/// <summary>The outcome of one collector call: a value, not-found, or a failure with a reason. Collectors never throw for upstream trouble.</summary>
public sealed record SourceResult<T>(SourceStatus Status, T? Value, string? Reason)
{
    public bool IsOk => Status == SourceStatus.Ok;

    public static SourceResult<T> Ok(T value) => new(SourceStatus.Ok, value, null);
    public static SourceResult<T> NotFound() => new(SourceStatus.NotFound, default, "not_found");
    public static SourceResult<T> Failed(string reason) => new(SourceStatus.Failed, default, reason);
    public static SourceResult<T> Skipped(string reason) => new(SourceStatus.Skipped, default, reason);

    /// <summary>Carries a non-OK status over to another value type.</summary>
    public SourceResult<TOther> As<TOther>() => new(Status, default, Reason);
}
