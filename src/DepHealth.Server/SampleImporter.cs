using System.Text.Json;
using DepHealth.Core.Json;
using DepHealth.Core.Packages;
using DepHealth.Core.Scoring;
using DepHealth.Core.Storage;

namespace DepHealth.Server;

/// <summary>Outcome of an import: records written, kept (the stored one was newer) and refused lines with reasons.</summary>
public sealed record ImportResult(int Written, int Kept, IReadOnlyList<string> Errors);

/// <summary>
/// Imports package records from a JSON-lines file (one <see cref="PackageRecord"/> per line): validates and normalises
/// the name, marks the record as sample data, scores it with <see cref="PackageScorer"/>, and writes it with the
/// store's conditional put.
/// </summary>
public sealed class SampleImporter(IPackageStore store, TimeProvider time)
{
    private readonly PackageScorer _scorer = new(time);

    public const string SampleSource = "sample";

    public async Task<ImportResult> ImportAsync(string path, CancellationToken ct)
    {
        int written = 0, kept = 0, lineNumber = 0;
        var errors = new List<string>();
        foreach (var line in await File.ReadAllLinesAsync(path, ct))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                continue;
            PackageRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(line, DepHealthJsonContext.Default.PackageRecord);
            }
            catch (JsonException e)
            {
                errors.Add($"line {lineNumber}: not a package record ({e.Message})");
                continue;
            }
            if (record is null)
            {
                errors.Add($"line {lineNumber}: null");
                continue;
            }
            if (!Prepare(record, out var error))
            {
                errors.Add($"line {lineNumber}: {error}");
                continue;
            }
            _scorer.ScoreInto(record);
            if (await store.PutAsync(record, ct) == WriteOutcome.Written) written++;
            else kept++;
        }
        return new ImportResult(written, kept, errors);
    }

    /// <summary>Normalises identity, marks sample data and fills times; false with a reason for an unusable record.</summary>
    internal bool Prepare(PackageRecord record, out string? error)
    {
        if (!Ecosystems.TryParse(record.Ecosystem, out var ecosystem))
        {
            error = $"unsupported ecosystem '{record.Ecosystem}'";
            return false;
        }
        var name = PackageNames.Validate(ecosystem, record.Name);
        if (!name.IsValid)
        {
            error = $"'{record.Name}': {name.Error}";
            return false;
        }
        record.Name = name.Normalized;
        record.Sources ??= [];
        if (!record.Sources.Contains(SampleSource))
            record.Sources.Add(SampleSource);
        var now = time.GetUtcNow();
        record.CollectedAt ??= now;
        record.LastUpdated ??= now;
        record.DataStatus ??= "complete";
        error = null;
        return true;
    }
}
