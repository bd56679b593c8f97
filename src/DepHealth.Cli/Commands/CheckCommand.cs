using System.CommandLine;
using System.Globalization;
using DepHealth.Cli.Api;
using DepHealth.Cli.Output;
using DepHealth.Core.Api.Client;
using DepHealth.Core.Packages;

namespace DepHealth.Cli.Commands;

/// <summary><c>dephealth check &lt;package&gt; [-e npm|pypi] [--json]</c>: one package's score, risk, abandonment risk and key signals.</summary>
public static class CheckCommand
{
    private const string UsageText = "dephealth check <package> [-e npm|pypi] [--json] [--no-color]";

    /// <summary>The members the human-readable view shows: a small answer instead of the full record.</summary>
    public const string SummaryFields = "package,ecosystem,health_score,risk_level,abandonment_risk,signals,latest_version,last_published,data_quality";

    public static Command Create()
    {
        var package = new Argument<string>("package") { Description = "Package name, e.g. lodash, @babel/core, requests.", Arity = ArgumentArity.ZeroOrOne };
        var ecosystem = CommandSupport.Text("--ecosystem", "npm (default) or pypi.", "-e");
        var json = new Option<bool>("--json") { Description = "Print the API's full JSON answer." };
        var noColor = CommandSupport.NoColorOption();
        var command = new Command("check", "Show one package's health score, risk level, abandonment risk and key signals.")
        {
            package, ecosystem, json, noColor,
        };
        command.Aliases.Add("c");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            if (!CommandSupport.CheckParse(parse, "check", UsageText, out var exit)) return exit;
            var name = parse.GetValue(package)?.Trim();
            if (string.IsNullOrEmpty(name)) return CommandSupport.Usage("check", "a package name is required", UsageText);
            var ecoText = parse.GetResult(ecosystem) is null ? "npm" : parse.GetValue(ecosystem)?.Trim().ToLowerInvariant();
            if (!Ecosystems.TryParse(ecoText, out var eco))
                return CommandSupport.Usage("check", $"--ecosystem must be npm or pypi, not '{ecoText}'", UsageText);
            var validation = PackageNames.Validate(eco, name);
            if (!validation.IsValid)
                return CommandSupport.Usage("check", $"'{name}' is not a valid {eco.ToWire()} package name: {validation.Error}", UsageText);

            var config = CommandSupport.LoadConfig("check", requireKey: false);
            if (config is null) return ExitCodes.Error;
            using var client = CommandSupport.Client(config);
            try
            {
                if (parse.GetValue(json))
                {
                    var raw = await client.GetPackageJsonAsync(eco.ToWire(), validation.Normalized, null, ct);
                    using var stdout = Console.OpenStandardOutput();
                    await stdout.WriteAsync(raw, ct);
                    await stdout.WriteAsync("\n"u8.ToArray(), ct);
                    return ExitCodes.Ok;
                }
                var health = await client.GetPackageAsync(eco.ToWire(), validation.Normalized, SummaryFields, ct);
                Print(health, Console.Out, CommandSupport.StyleFor(parse, noColor));
                return ExitCodes.Ok;
            }
            catch (ApiException e) when (e.StatusCode == 404)
            {
                Console.Error.WriteLine($"dephealth check: package not found: {eco.ToWire()}/{validation.Normalized}");
                return ExitCodes.Error;
            }
            catch (ApiException e)
            {
                return CommandSupport.ApiFailure("check", e);
            }
        });
        return command;
    }

    public static void Print(PackageHealth p, TextWriter output, Style style)
    {
        var title = p.LatestVersion is null ? p.Package : $"{p.Package}@{p.LatestVersion}";
        output.WriteLine($"{style.Bold(title ?? "?")} ({p.Ecosystem})");
        if (p.HealthScore is null)
        {
            output.WriteLine("  Not scored yet: the package is queued for collection; check again in a few minutes.");
            return;
        }
        output.WriteLine($"  Health score   {Formatting.Score(p.HealthScore)} / 100   {style.Risk(p.RiskLevel, (p.RiskLevel ?? "-") + " risk")}");
        if (p.AbandonmentRisk is { } a)
            output.WriteLine($"  Abandonment    {Formatting.Percent(a.Probability)} within {a.TimeHorizonMonths} months");
        if (p.Signals is { } s)
        {
            var parts = new List<string>();
            if (s.WeeklyDownloads is { } d) parts.Add($"{Formatting.Count(d)} weekly downloads");
            if (s.Stars is { } st) parts.Add($"{Formatting.Count(st)} stars");
            if (s.DaysSinceLastCommit is { } days) parts.Add(days == 0 ? "committed today" : $"last commit {days} day{(days == 1 ? "" : "s")} ago");
            if (s.MaintainerCount is { } m) parts.Add($"{m} maintainer{(m == 1 ? "" : "s")}");
            if (s.ActiveContributors90d is { } c) parts.Add($"{c} active contributor{(c == 1 ? "" : "s")} (90 days)");
            if (s.OpenSsfScore is { } o) parts.Add($"OpenSSF {o.ToString("0.0", CultureInfo.InvariantCulture)}/10");
            if (parts.Count > 0) output.WriteLine($"  Signals        {string.Join(" · ", parts)}");
            if (s.IsDeprecated == true) output.WriteLine($"  {style.Risk("CRITICAL", "Deprecated")}     the package is deprecated");
            if (s.Archived == true) output.WriteLine($"  {style.Risk("HIGH", "Archived")}       the repository is archived");
        }
        if (p.AbandonmentRisk?.RiskFactors is { Count: > 0 } factors)
        {
            output.WriteLine("  Risk factors");
            foreach (var f in factors) output.WriteLine($"    - {f}");
        }
        if (p.DataQuality?.Assessment is { } q)
            output.WriteLine($"  Data quality   {q}{(p.DataQuality.Explanation is { Length: > 0 } e && q != "VERIFIED" ? $": {e}" : "")}");
    }
}
