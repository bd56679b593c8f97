using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Storage;
using DepHealth.Testing;
using YamlDotNet.RepresentationModel;
using static DepHealth.Deploy.Tests.CloudFormationTemplate;

namespace DepHealth.Deploy.Tests;

/// <summary>The template's tables are the ones the code provisions locally (TableDefinitions): keys, attributes, indexes, projections.</summary>
public sealed class TableDefinitionTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load(Path.Combine(RepoPaths.Root, "template.yaml"));

    public static TheoryData<string> Tables() => new(["PackagesTable", "ApiKeysTable"]);

    [Theory, MemberData(nameof(Tables))]
    public void Template_table_matches_the_code_definition(string logicalId)
    {
        var code = logicalId == "PackagesTable" ? TableDefinitions.Packages("t") : TableDefinitions.ApiKeys("t");
        var yaml = Template.Properties(logicalId)!;

        Assert.Equal(Describe(code.KeySchema), Describe(Child(yaml, "KeySchema")));
        Assert.Equal(
            code.AttributeDefinitions.Select(a => $"{a.AttributeName}:{a.AttributeType.Value}").Order(),
            ((YamlSequenceNode)Child(yaml, "AttributeDefinitions")!).Children
                .Select(a => $"{Scalar(Child(a, "AttributeName"))}:{Scalar(Child(a, "AttributeType"))}").Order());

        var templateIndexes = ((YamlSequenceNode?)Child(yaml, "GlobalSecondaryIndexes"))?.Children
            .Select(i => $"{Scalar(Child(i, "IndexName"))} {Describe(Child(i, "KeySchema"))} {Scalar(Child(Child(i, "Projection"), "ProjectionType"))}")
            .Order().ToArray() ?? [];
        var codeIndexes = (code.GlobalSecondaryIndexes ?? [])
            .Select(i => $"{i.IndexName} {Describe(i.KeySchema)} {i.Projection.ProjectionType.Value}")
            .Order().ToArray();
        Assert.Equal(codeIndexes, templateIndexes);
    }

    private static string Describe(List<KeySchemaElement> keys) =>
        string.Join(",", keys.Select(k => $"{k.AttributeName}:{k.KeyType.Value}"));

    private static string Describe(YamlNode? keys) =>
        string.Join(",", ((YamlSequenceNode)keys!).Children.Select(k => $"{Scalar(Child(k, "AttributeName"))}:{Scalar(Child(k, "KeyType"))}"));
}
