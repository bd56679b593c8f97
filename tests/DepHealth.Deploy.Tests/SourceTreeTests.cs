namespace DepHealth.Deploy.Tests;

/// <summary>The scanner the template checks rely on finds variable names however the code spells the read.</summary>
public sealed class SourceTreeTests
{
    [Fact]
    public void Finds_direct_reads_lookup_delegates_and_constants_but_not_comments()
    {
        const string source = """
            // PACKAGES_OLD_TABLE was renamed
            public static class Settings
            {
                public const string QueueVariable = "COLLECTION_QUEUE_URL";
                public static Settings From(Func<string, string?>? lookup = null)
                {
                    lookup ??= Environment.GetEnvironmentVariable;
                    var table = lookup("PACKAGES_TABLE") ?? "dephealth-packages";
                    var origins = Environment.GetEnvironmentVariable("ALLOWED_ORIGINS");
                    var url = "https://example.invalid"; var npm = lookup("DEPHEALTH_NPM_REGISTRY_URL");
                }
            }
            """;
        Assert.Equal(
            ["ALLOWED_ORIGINS", "COLLECTION_QUEUE_URL", "DEPHEALTH_NPM_REGISTRY_URL", "PACKAGES_TABLE"],
            SourceTree.VariablesIn(source).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Finds_names_in_a_name_table_and_in_lookups_through_a_sources_object()
    {
        const string table = """
            public static string EnvironmentVariable(this Upstream u) => u switch
            {
                Upstream.PyPI => "DEPHEALTH_PYPI_URL",
                _ => throw new ArgumentOutOfRangeException(nameof(u)),
            };
            """;
        Assert.Equal(["DEPHEALTH_PYPI_URL"], SourceTree.VariablesIn(table));
        Assert.Equal(["GITHUB_TOKEN"], SourceTree.VariablesIn("""var t = sources.GetVariable("GITHUB_TOKEN");"""));
    }

    [Fact]
    public void A_file_that_never_reads_the_environment_contributes_nothing()
    {
        Assert.Empty(SourceTree.VariablesIn("""var code = "INVALID_JSON"; var level = "HIGH_RISK";"""));
    }
}
