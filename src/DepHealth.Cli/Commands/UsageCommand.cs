using System.CommandLine;
using System.Globalization;
using DepHealth.Cli.Api;

namespace DepHealth.Cli.Commands;

/// <summary><c>dephealth usage [--json]</c>: this month's request count, limit and reset date for the configured key.</summary>
public static class UsageCommand
{
    private const string UsageText = "dephealth usage [--json] [--no-color]";

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the API's JSON answer." };
        var noColor = CommandSupport.NoColorOption();
        var command = new Command("usage", "Show this month's API usage and limit for the configured key.") { json, noColor };
        command.Aliases.Add("u");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            if (!CommandSupport.CheckParse(parse, "usage", UsageText, out var exit)) return exit;
            var config = CommandSupport.LoadConfig("usage", requireKey: true);
            if (config is null) return ExitCodes.Error;
            using var client = CommandSupport.Client(config);
            try
            {
                if (parse.GetValue(json))
                {
                    var raw = await client.GetUsageJsonAsync(ct);
                    using var stdout = Console.OpenStandardOutput();
                    await stdout.WriteAsync(raw, ct);
                    await stdout.WriteAsync("\n"u8.ToArray(), ct);
                    return ExitCodes.Ok;
                }
                var usage = await client.GetUsageAsync(ct);
                var style = CommandSupport.StyleFor(parse, noColor);
                var u = usage.Usage;
                Console.WriteLine($"{style.Bold("Tier")}       {usage.Tier}");
                if (u is not null)
                {
                    var pct = u.UsagePercentage.ToString("0.0", CultureInfo.InvariantCulture);
                    var text = $"{u.RequestsThisMonth:N0} of {u.MonthlyLimit:N0} requests ({pct}%), {u.Remaining:N0} remaining";
                    Console.WriteLine($"{style.Bold("Usage")}      {(u.UsagePercentage >= 95 ? style.Risk("CRITICAL", text) : u.UsagePercentage >= 80 ? style.Risk("MEDIUM", text) : text)}");
                }
                if (usage.Reset?.Date is { } date)
                    Console.WriteLine($"{style.Bold("Resets")}     {date.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
                return ExitCodes.Ok;
            }
            catch (ApiException e)
            {
                return CommandSupport.ApiFailure("usage", e);
            }
        });
        return command;
    }
}
