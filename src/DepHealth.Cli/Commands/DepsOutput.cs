using System.Text.Encodings.Web;
using System.Text.Json;
using DepHealth.Core.Json;
using DepHealth.Core.Manifests;
using DepHealth.Core.Packages;

namespace DepHealth.Cli.Commands;

/// <summary>Renders a <see cref="ManifestParseResult"/> as an aligned table or as JSON lines.</summary>
internal static class DepsOutput
{
    // Specs hold quotes and '<' (markers, ranges): keep them readable instead of \u0022-escaped.
    private static readonly DepHealthJsonContext Json = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    });

    public static void WriteJsonLines(ManifestParseResult result, TextWriter output)
    {
        foreach (var d in result.Dependencies)
            output.WriteLine(JsonSerializer.Serialize(DependencyJsonLine.From(d), Json.DependencyJsonLine));
        foreach (var s in result.Skipped)
            output.WriteLine(JsonSerializer.Serialize(SkippedJsonLine.From(s), Json.SkippedJsonLine));
    }

    public static void WriteTable(ManifestParseResult result, TextWriter output)
    {
        var rows = result.Dependencies
            .Select(d => new[] { d.Name, d.Kind.ToWire(), d.Ecosystem.ToWire(), d.Spec })
            .ToList();
        WriteAligned(output, ["NAME", "KIND", "ECOSYSTEM", "SPEC"], rows);

        if (result.Skipped.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Skipped ({result.Skipped.Count}):");
            WriteAligned(output, ["NAME", "REASON", "SPEC"], result.Skipped.Select(s => new[] { s.Name, s.Reason, s.Spec }).ToList());
        }

        output.WriteLine();
        var byKind = Enum.GetValues<DependencyKind>()
            .Select(k => (Kind: k, Count: result.Dependencies.Count(d => d.Kind == k)))
            .Where(x => x.Count > 0)
            .Select(x => $"{x.Kind.ToWire()} {x.Count}");
        var kinds = string.Join(", ", byKind);
        output.WriteLine($"{result.Dependencies.Count} dependencies{(kinds.Length > 0 ? $" ({kinds})" : "")}, " +
                         $"{result.Skipped.Count} skipped, from {result.Format.DisplayName()}");
    }

    private static void WriteAligned(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Count == 0 ? h.Length : Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        WriteRow(header);
        foreach (var row in rows)
            WriteRow(row);

        void WriteRow(string[] cells)
        {
            var line = string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i])));
            output.WriteLine(line.TrimEnd());
        }
    }
}
