using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace DepHealth.Cli.Tests;

/// <summary>The vendored OASIS SARIF 2.1.0 schema (see Schemas/README.md), read as draft-07 for JsonSchema.Net.</summary>
public static class SarifSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json")))!.AsObject();
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        // Draft-04's "id" is dropped rather than renamed: the schema is only used locally, by reference to itself.
        node.Remove("id");
        return JsonSchema.FromText(node.ToJsonString());
    });

    /// <summary>The schema's error messages for <paramref name="sarif"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(string sarif)
    {
        using var doc = JsonDocument.Parse(sarif);
        var result = Schema.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).DefaultIfEmpty("invalid").ToList();
    }
}
