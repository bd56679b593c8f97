using DepHealth.Core.Packages;
using DepHealth.Core.Scoring;
using static DepHealth.Core.Tests.Scoring.ScoringTestInputs;

namespace DepHealth.Core.Tests.Scoring;

// Reference §3.4 (functions/shared/data_quality.py), with the deps.dev quirk fixed.
public class DataQualityTests
{
    [Theory]
    [InlineData("complete", false, "VERIFIED")]
    [InlineData("complete", true, "VERIFIED")]
    [InlineData("partial", true, "PARTIAL")]
    [InlineData("partial", false, "UNVERIFIED")]
    [InlineData("abandoned_minimal", true, "UNAVAILABLE")]
    [InlineData("minimal", true, "UNVERIFIED")]
    [InlineData("pending", false, "UNVERIFIED")]
    public void Assessment(string status, bool hasRepo, string expected) => Assert.Equal(expected, DataQuality.AssessmentOf(status, hasRepo));

    [Fact]
    public void Explanations()
    {
        Assert.Equal("Complete data from all sources", DataQuality.ExplanationOf("complete", ["github"], false));
        Assert.Equal("Package data unavailable after multiple collection attempts", DataQuality.ExplanationOf("abandoned_minimal", [], false));
        Assert.Equal("Some data sources unavailable", DataQuality.ExplanationOf("partial", [], true));
        Assert.Equal("No repository URL - GitHub metrics unavailable; GitHub data collection failed; Registry data incomplete; deps.dev data unavailable",
            DataQuality.ExplanationOf("minimal", ["github", "pypi", "deps.dev"], false));
    }

    [Fact]
    public void Deps_dev_missing_is_explained_unlike_the_original()
    {
        Assert.Equal("deps.dev data unavailable", DataQuality.ExplanationOf("partial", ["deps.dev"], true));
    }

    [Fact]
    public void Full_and_compact_forms_from_json_and_from_a_record()
    {
        var full = DataQuality.Assess(Input("""{"data_status":"partial","missing_sources":["npm",7],"repository_url":"https://github.com/a/b"}"""));
        Assert.Equal("partial", full.Status);
        Assert.Equal("PARTIAL", full.Assessment);
        Assert.Equal(["npm"], full.MissingSources);
        Assert.True(full.HasRepository);
        Assert.Equal("Registry data incomplete", full.Explanation);
        var compact = full.ToCompact();
        Assert.Equal(("PARTIAL", true), (compact.Assessment, compact.HasRepository));

        var legacy = DataQuality.Assess(Input("""{"missing_sources":"github","repository_url":""}"""));
        Assert.Equal(("minimal", "UNVERIFIED", false), (legacy.Status, legacy.Assessment, legacy.HasRepository));
        Assert.Empty(legacy.MissingSources);

        var record = DataQuality.Assess(new PackageRecord { DataStatus = "complete", RepositoryUrl = "https://github.com/lodash/lodash" });
        Assert.Equal(("VERIFIED", true, "Complete data from all sources"), (record.Assessment, record.HasRepository, record.Explanation));
    }
}
