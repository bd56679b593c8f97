using System.CommandLine;
using DepHealth.Cli.Api;
using DepHealth.Cli.Config;
using DepHealth.Cli.Output;

namespace DepHealth.Cli.Commands;

/// <summary>Exit codes of the API commands (check, scan, usage, config).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>scan --fail-on: a package at or above the threshold was found.</summary>
    public const int ThresholdExceeded = 1;
    /// <summary>Bad arguments, missing configuration, an unreachable API or an API error.</summary>
    public const int Error = 2;
}

/// <summary>
/// What the API commands share: options parsed leniently (so that every usage error exits 2, not the parser's 1),
/// configuration, the client and the mapping of API failures to messages.
/// </summary>
internal static class CommandSupport
{
    public static Option<bool> NoColorOption() => new("--no-color") { Description = "Do not colour the output (NO_COLOR is honoured too)." };

    /// <summary>A string option whose missing or bad value the command reports itself.</summary>
    public static Option<string> Text(string name, string description, params string[] aliases)
    {
        var option = new Option<string>(name, aliases) { Description = description, Arity = ArgumentArity.ZeroOrOne };
        return option;
    }

    public static Func<string, string?> Env { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Reports an unexpected token or a parse error; true when the command may go on.</summary>
    public static bool CheckParse(ParseResult parse, string command, string usage, out int exit)
    {
        exit = ExitCodes.Ok;
        var problem = parse.Errors.Count > 0 ? parse.Errors[0].Message
            : parse.UnmatchedTokens.Count > 0 ? $"unexpected argument '{parse.UnmatchedTokens[0]}'" : null;
        if (problem is null) return true;
        exit = Usage(command, problem, usage);
        return false;
    }

    public static int Usage(string command, string message, string usage)
    {
        Console.Error.WriteLine($"dephealth {command}: {message}");
        Console.Error.WriteLine($"usage: {usage}");
        return ExitCodes.Error;
    }

    /// <summary>The configuration, or null after printing why not.</summary>
    public static CliConfig? LoadConfig(string command, bool requireKey)
    {
        var config = CliConfig.Resolve(Env, ConfigFile.Default(Env), Console.Error, out var error);
        if (config is null)
        {
            Console.Error.WriteLine($"dephealth {command}: {error}");
            return null;
        }
        if (requireKey && config.ApiKey is null)
        {
            Console.Error.WriteLine($"dephealth {command}: no API key: set {CliConfig.ApiKeyVariable} or run 'dephealth config set --api-key KEY'");
            return null;
        }
        return config;
    }

    public static DepHealthClient Client(CliConfig config) => new(config, ApiClientOptions.FromEnvironment(Env));

    public static Style StyleFor(ParseResult parse, Option<bool> noColor) =>
        Style.For(parse.GetValue(noColor), Console.IsOutputRedirected, Env);

    /// <summary>Prints an API failure the way a user can act on it; always exit 2.</summary>
    public static int ApiFailure(string command, ApiException e)
    {
        var hint = e.StatusCode switch
        {
            401 => $" (check the API key in {CliConfig.ApiKeyVariable} or the config file)",
            429 => " (quota or rate limit reached)",
            _ => "",
        };
        Console.Error.WriteLine(e.StatusCode == 0
            ? $"dephealth {command}: {e.Message}"
            : $"dephealth {command}: API error {e.StatusCode} {e.Code}: {e.Message}{hint}");
        return ExitCodes.Error;
    }
}
