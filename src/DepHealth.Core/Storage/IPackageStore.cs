using DepHealth.Core.Packages;

namespace DepHealth.Core.Storage;

/// <summary>Identifies one stored package: wire ecosystem ("npm"/"pypi") and normalised name.</summary>
public readonly record struct PackageKey(string Ecosystem, string Name)
{
    /// <summary>The DynamoDB partition key, <c>{ecosystem}#{name}</c>.</summary>
    public string Pk => PackageRecord.KeyOf(Ecosystem, Name);
    public override string ToString() => Pk;
}

/// <summary>What a batch read found, and which keys could not be read (store errors), never silently dropped.</summary>
public sealed record BatchReadResult(
    IReadOnlyDictionary<PackageKey, PackageRecord> Found,
    IReadOnlyList<PackageKey> Unavailable);

/// <summary>Outcome of a conditional write.</summary>
public enum WriteOutcome
{
    Written,
    /// <summary>The stored record is newer (its collected_at is later): nothing was written.</summary>
    RejectedAsOlder,
}

/// <summary>The packages table: one LATEST record per package.</summary>
public interface IPackageStore
{
    Task<PackageRecord?> GetAsync(PackageKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads many keys at once (deduplicated; 25-key BatchGetItem requests run concurrently). Keys a failed or
    /// cancelled request could not read are listed in <see cref="BatchReadResult.Unavailable"/>, beside what was read.
    /// </summary>
    Task<BatchReadResult> GetManyAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Writes the whole record unless the stored one has a later <c>collected_at</c>.</summary>
    Task<WriteOutcome> PutAsync(PackageRecord record, CancellationToken cancellationToken = default);
}
