using System.CommandLine;
using DepHealth.Cli.Config;

namespace DepHealth.Cli.Commands;

/// <summary><c>dephealth config set|show</c>: stores the API key and URL in the config file (mode 0600), shows what is in effect.</summary>
public static class ConfigCommand
{
    private const string UsageText = "dephealth config set [--api-key KEY] [--api-url URL] | dephealth config show";

    public static Command Create()
    {
        var apiKey = CommandSupport.Text("--api-key", "The API key to store.");
        var apiUrl = CommandSupport.Text("--api-url", "The API base URL to store (https, or http for localhost).");
        var set = new Command("set", "Store the API key and/or URL in the config file (created with mode 0600).") { apiKey, apiUrl };
        set.TreatUnmatchedTokensAsErrors = false;
        set.SetAction(parse =>
        {
            if (!CommandSupport.CheckParse(parse, "config set", UsageText, out var exit)) return exit;
            var key = parse.GetResult(apiKey) is null ? null : parse.GetValue(apiKey)?.Trim() ?? "";
            var url = parse.GetResult(apiUrl) is null ? null : parse.GetValue(apiUrl)?.Trim() ?? "";
            if (key is null && url is null) return CommandSupport.Usage("config set", "give --api-key and/or --api-url", UsageText);
            if (key is { Length: 0 }) return CommandSupport.Usage("config set", "--api-key needs a value", UsageText);
            if (url is not null && !CliConfig.TryParseApiUrl(url, out _, out var urlError)) return CommandSupport.Usage("config set", urlError!, UsageText);

            var file = ConfigFile.Default(CommandSupport.Env);
            var current = file.Read(Console.Error);
            file.Write(new StoredConfig(key ?? current?.ApiKey, url ?? current?.ApiUrl));
            Console.WriteLine($"Saved to {file.Path}");
            return ExitCodes.Ok;
        });

        var show = new Command("show", "Show the API URL and key in effect and where each comes from (the key masked).");
        show.TreatUnmatchedTokensAsErrors = false;
        show.SetAction(parse =>
        {
            if (!CommandSupport.CheckParse(parse, "config show", UsageText, out var exit)) return exit;
            var config = CommandSupport.LoadConfig("config show", requireKey: false);
            if (config is null) return ExitCodes.Error;
            Console.WriteLine($"API URL   {config.ApiUrl} ({config.UrlSource})");
            Console.WriteLine(config.ApiKey is null ? "API key   not set" : $"API key   {Mask(config.ApiKey)} ({config.KeySource})");
            Console.WriteLine($"Config    {ConfigFile.Default(CommandSupport.Env).Path}");
            return ExitCodes.Ok;
        });

        var command = new Command("config", "Store or show the CLI configuration.") { set, show };
        return command;
    }

    /// <summary>Only the last four characters are shown.</summary>
    public static string Mask(string key) => key.Length <= 8 ? "****" : new string('*', 8) + key[^4..];
}
