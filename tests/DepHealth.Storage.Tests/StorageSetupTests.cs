using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Storage;

namespace DepHealth.Storage.Tests;

/// <summary>Settings from the environment, the lazy client, and the provisioner.</summary>
public sealed class StorageSetupTests(DynamoFixture db) : IClassFixture<DynamoFixture>
{
    [Fact]
    public void Settings_have_defaults_and_read_the_environment()
    {
        var defaults = DynamoDbSettings.FromEnvironment(_ => null);
        Assert.Null(defaults.ServiceUrl);
        Assert.Equal("us-east-1", defaults.Region);
        Assert.Equal("dephealth-packages", defaults.PackagesTable);
        Assert.Equal("dephealth-api-keys", defaults.ApiKeysTable);

        var env = new Dictionary<string, string>
        {
            ["DYNAMODB_ENDPOINT"] = "http://127.0.0.1:8000", ["AWS_REGION"] = "eu-west-1",
            ["PACKAGES_TABLE"] = "p-table", ["API_KEYS_TABLE"] = "k-table",
        };
        var set = DynamoDbSettings.FromEnvironment(env.GetValueOrDefault);
        Assert.Equal(("http://127.0.0.1:8000", "eu-west-1", "p-table", "k-table"), (set.ServiceUrl, set.Region, set.PackagesTable, set.ApiKeysTable));
    }

    [Theory]
    [InlineData("PACKAGES_TABLE", "no spaces")]
    [InlineData("API_KEYS_TABLE", "ab")]
    [InlineData("DYNAMODB_ENDPOINT", "localhost:8000")]
    public void Invalid_settings_are_refused_with_the_variable_named(string variable, string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => DynamoDbSettings.FromEnvironment(n => n == variable ? value : null));
        Assert.Contains(variable, ex.Message);
    }

    [Fact]
    public async Task Client_is_created_on_first_use_only()
    {
        using var provider = new DynamoDbClientProvider(db.Settings);
        var store = new DynamoPackageStore(provider);
        Assert.False(provider.IsCreated);
        await store.GetAsync(new PackageKey("npm", "lazy"));
        Assert.True(provider.IsCreated);
    }

    [Fact]
    public async Task Provisioner_is_idempotent_and_creates_the_indexes()
    {
        // The fixture already provisioned: a second run creates nothing and fails on nothing.
        Assert.Empty(await new TableProvisioner(db.Direct).EnsureTablesAsync());

        var packages = (await db.Client.DescribeTableAsync(new DescribeTableRequest { TableName = db.Settings.PackagesTable })).Table;
        Assert.Equal(
            new[] { TableDefinitions.DataStatusIndex, TableDefinitions.RiskLevelIndex, TableDefinitions.TierIndex },
            packages.GlobalSecondaryIndexes.Select(i => i.IndexName).Order());
        var tierIndex = packages.GlobalSecondaryIndexes.Single(i => i.IndexName == TableDefinitions.TierIndex);
        Assert.Equal("KEYS_ONLY", tierIndex.Projection.ProjectionType.Value);

        var keys = (await db.Client.DescribeTableAsync(new DescribeTableRequest { TableName = db.Settings.ApiKeysTable })).Table;
        Assert.Equal(["pk", "sk"], keys.KeySchema.Select(k => k.AttributeName));
    }

    [Fact]
    public async Task Provisioner_creates_missing_tables_on_a_fresh_endpoint()
    {
        var fresh = db.Settings with { PackagesTable = "fresh-packages", ApiKeysTable = "fresh-keys" };
        using var provider = new DynamoDbClientProvider(fresh);
        var created = await new TableProvisioner(provider).EnsureTablesAsync();
        Assert.Equal(["fresh-packages", "fresh-keys"], created);
        Assert.Empty(await new TableProvisioner(provider).EnsureTablesAsync());
    }
}
