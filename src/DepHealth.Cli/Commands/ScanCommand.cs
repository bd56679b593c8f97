using System.CommandLine;
using System.Text;
using DepHealth.Cli.Api;
using DepHealth.Cli.Output;
using DepHealth.Cli.Scanning;

namespace DepHealth.Cli.Commands;

/// <summary>
/// <c>dephealth scan [PATH] [-r] [--exclude GLOBS] [--no-dev] [--fail-on HIGH|CRITICAL] [-o table|json|sarif|markdown]</c>:
/// finds manifests, parses them locally, scores every dependency through POST /v1/scan, and reports.
/// Exit 0, 1 when --fail-on is exceeded, 2 on a usage or API error.
/// </summary>
public static class ScanCommand
{
    private const string UsageText =
        "dephealth scan [PATH] [-r] [--exclude GLOBS] [--no-dev] [--fail-on HIGH|CRITICAL] [-o table|json|sarif|markdown] [--output-file FILE] [--json-file FILE] [--markdown-file FILE]";

    private static readonly string[] Formats = ["table", "json", "sarif", "markdown"];

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A manifest file or a folder (default: the current folder).", Arity = ArgumentArity.ZeroOrOne };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Also scan the folders below (node_modules, .git, vendor, virtualenvs, dist, build… are skipped)." };
        var exclude = CommandSupport.Text("--exclude", "Comma-separated globs of paths to skip, relative to PATH (e.g. 'examples/**,test/**').");
        var noDev = new Option<bool>("--no-dev") { Description = "Leave out development dependencies (devDependencies, dev groups, requirements-dev files)." };
        var failOn = CommandSupport.Text("--fail-on", "Exit 1 when a package is at or above this risk: HIGH or CRITICAL.");
        var output = CommandSupport.Text("--output", "table (default), json, sarif or markdown.", "-o");
        var outputFile = CommandSupport.Text("--output-file", "Write the report to this file instead of stdout.");
        var jsonFile = CommandSupport.Text("--json-file", "Also write the JSON report to this file (for CI outputs).");
        var markdownFile = CommandSupport.Text("--markdown-file", "Also write the Markdown report to this file (for a job summary or PR comment).");
        var maxManifests = CommandSupport.Text("--max-manifests", $"Most manifests to scan (default {ManifestDiscovery.DefaultMaxManifests}).");
        var noColor = CommandSupport.NoColorOption();
        var command = new Command("scan", "Score every dependency of the manifests in PATH (lockfiles preferred over package.json).")
        {
            path, recursive, exclude, noDev, failOn, output, outputFile, jsonFile, markdownFile, maxManifests, noColor,
        };
        command.Aliases.Add("s");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            if (!CommandSupport.CheckParse(parse, "scan", UsageText, out var exit)) return exit;
            var failOnText = Value(parse, failOn);
            if (failOnText is { Length: 0 } || !FailThresholds.TryParse(failOnText, out var threshold))
                return CommandSupport.Usage("scan", $"--fail-on must be HIGH or CRITICAL, not '{parse.GetValue(failOn)}'", UsageText);
            var format = (Value(parse, output) ?? "table").Trim().ToLowerInvariant();
            if (!Formats.Contains(format))
                return CommandSupport.Usage("scan", $"--output must be one of {string.Join(", ", Formats)}, not '{format}'", UsageText);
            var max = ManifestDiscovery.DefaultMaxManifests;
            if (parse.GetResult(maxManifests) is not null && (!int.TryParse(parse.GetValue(maxManifests), out max) || max is < 1 or > 10_000))
                return CommandSupport.Usage("scan", "--max-manifests must be a whole number from 1 to 10000", UsageText);
            foreach (var fileOption in new[] { outputFile, jsonFile, markdownFile })
                if (parse.GetResult(fileOption) is not null && string.IsNullOrWhiteSpace(parse.GetValue(fileOption)))
                    return CommandSupport.Usage("scan", $"{fileOption.Name} needs a file name", UsageText);
            var excludes = (Value(parse, exclude) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            var root = parse.GetValue(path) is { Length: > 0 } p ? p : ".";
            DiscoveryResult discovery;
            try
            {
                discovery = ManifestDiscovery.Discover(root, parse.GetValue(recursive), excludes, max);
            }
            catch (ArgumentException e)
            {
                return CommandSupport.Usage("scan", e.Message, UsageText);
            }
            if (discovery.Truncated)
                Console.Error.WriteLine($"warning: more than {max} manifests; only the first {max} are scanned (--max-manifests)");
            if (discovery.Manifests.Count == 0)
            {
                Console.Error.WriteLine($"dephealth scan: no manifests found in {root}{(parse.GetValue(recursive) ? "" : " (use -r to search sub-folders)")}");
                return ExitCodes.Ok;
            }

            var config = CommandSupport.LoadConfig("scan", requireKey: true);
            if (config is null) return ExitCodes.Error;
            using var client = CommandSupport.Client(config);
            ScanReport report;
            try
            {
                using var progress = ProgressBar.ForStderr(minimumBatches: 2);
                report = await new ScanRunner(client, progress).RunAsync(Path.GetFullPath(root), discovery, includeDev: !parse.GetValue(noDev), ct);
            }
            catch (ApiException e)
            {
                return CommandSupport.ApiFailure("scan", e);
            }
            foreach (var m in report.Manifests.Where(m => m.Error is not null))
                Console.Error.WriteLine($"warning: {m.Manifest.RelativePath}: {m.Error}");

            var target = parse.GetValue(outputFile);
            await using (var stream = target is null ? Console.OpenStandardOutput() : File.Create(target))
                Render(report, format, stream, threshold, target is null && CommandSupport.StyleFor(parse, noColor).Enabled);
            if (parse.GetValue(jsonFile) is { } jsonTarget)
                await using (var json = File.Create(jsonTarget))
                    JsonReportWriter.Write(report, json, threshold);
            if (parse.GetValue(markdownFile) is { } markdownTarget)
                await using (var markdown = new StreamWriter(markdownTarget, append: false, new UTF8Encoding(false)))
                    MarkdownReportWriter.Write(report, markdown, threshold);

            if (report.Manifests.All(m => m.Error is not null))
                return ExitCodes.Error;
            return threshold.IsExceeded(report) ? ExitCodes.ThresholdExceeded : ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(ScanReport report, string format, Stream stream, FailThreshold threshold, bool color)
    {
        switch (format)
        {
            case "json":
                JsonReportWriter.Write(report, stream, threshold);
                break;
            case "sarif":
                var cwd = Directory.GetCurrentDirectory();
                SarifReportWriter.Write(report, stream, SarifReportWriter.RepositoryRoot(report.Root, cwd), Version);
                break;
            default:
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true))
                {
                    if (format == "markdown") MarkdownReportWriter.Write(report, writer, threshold);
                    else TableReportWriter.Write(report, writer, new Style(color));
                }
                break;
        }
    }

    private static string Version => typeof(ScanCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The option's value; when given without a value, an empty string (reported by the caller).</summary>
    private static string? Value(ParseResult parse, Option<string> option) =>
        parse.GetResult(option) is null ? null : parse.GetValue(option) ?? "";
}
