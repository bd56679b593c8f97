using DepHealth.Api.Tests.Fakes;
using DepHealth.Core.Storage;
using DepHealth.Server;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Api.Tests;

public sealed class SampleImporterTests
{
    [Fact]
    public async Task Repository_sample_file_imports_scored_sample_records_for_both_ecosystems()
    {
        var store = new InMemoryPackageStore();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var result = await new SampleImporter(store, time).ImportAsync(Path.Combine(RepoPaths.Root, ServerCommands.SampleFile), default);

        Assert.Empty(result.Errors);
        Assert.InRange(result.Written, 40, 60);
        var read = await store.GetManyAsync([new PackageKey("npm", "@babel/core"), new PackageKey("pypi", "typing-extensions"), new PackageKey("npm", "request")]);
        Assert.Equal(3, read.Found.Count);
        foreach (var record in read.Found.Values)
        {
            Assert.Contains(SampleImporter.SampleSource, record.Sources!);
            Assert.InRange(record.HealthScore!.Value, 0, 100);
            Assert.NotNull(record.RiskLevel);
            Assert.NotNull(record.AbandonmentRisk);
            Assert.Equal(time.GetUtcNow(), record.ScoredAt);
        }
        // The deprecated, archived package scores worse than a maintained one.
        Assert.True(read.Found[new PackageKey("npm", "request")].HealthScore < read.Found[new PackageKey("npm", "@babel/core")].HealthScore);
        Assert.Equal(95, read.Found[new PackageKey("npm", "request")].AbandonmentRisk!.Probability);
    }

    [Fact]
    public async Task Bad_lines_are_refused_with_reasons_and_names_are_normalised()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllLinesAsync(path,
        [
            """{"ecosystem":"pypi","name":"Python_DateUtil","stars":10}""",
            """{"ecosystem":"cargo","name":"serde"}""",
            """{"ecosystem":"npm","name":"../../etc/passwd"}""",
            "not json",
            "",
        ]);
        try
        {
            var store = new InMemoryPackageStore();
            var result = await new SampleImporter(store, TimeProvider.System).ImportAsync(path, default);
            Assert.Equal(1, result.Written);
            Assert.Equal(3, result.Errors.Count);
            Assert.Contains("line 2", result.Errors[0]);
            Assert.NotNull(await store.GetAsync(new PackageKey("pypi", "python-dateutil")));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
