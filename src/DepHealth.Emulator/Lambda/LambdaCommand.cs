using System.Globalization;

namespace DepHealth.Emulator.Lambda;

/// <summary>
/// By-hand mode: <c>lambda --bootstrap PATH [--event FILE] [--timeout SECONDS] [--env KEY=VALUE]...</c>.
/// Invokes the event file once, or each stdin line as one event; payloads go to stdout, timings and the
/// function's output to stderr. Exit code 0 when every invocation succeeded.
/// </summary>
public static class LambdaCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? bootstrap = null, eventFile = null;
        var timeout = TimeSpan.FromSeconds(30);
        var env = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--bootstrap": bootstrap = Value(); break;
                case "--event": eventFile = Value(); break;
                case "--timeout": timeout = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--env":
                    var pair = Value().Split('=', 2);
                    env[pair[0]] = pair.Length == 2 ? pair[1] : "";
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return Usage();
            }
        }
        if (bootstrap is null)
            return Usage();

        await using var emu = await LambdaEmulator.StartAsync(bootstrap, env, new LambdaEmulatorOptions { Echo = Console.Error });
        Console.Error.WriteLine($"runtime API on {emu.RuntimeApi}, bootstrap pid {emu.ProcessId}");

        var events = eventFile is not null ? [await File.ReadAllTextAsync(eventFile)] : ReadStdinEvents();
        var failures = 0;
        foreach (var json in events)
        {
            var result = await emu.InvokeAsync(json, timeout);
            Console.Out.WriteLine(result.PayloadText);
            Console.Error.WriteLine(
                $"{result.Status}{(result.ErrorType is null ? "" : $" ({result.ErrorType})")}: invocation {result.Duration.TotalMilliseconds:F1} ms, " +
                $"since process start {result.SinceProcessStart.TotalMilliseconds:F1} ms, init {emu.InitDuration?.TotalMilliseconds:F1} ms, " +
                $"peak RSS {emu.PeakRssBytes() / 1024 / 1024.0:F1} MB");
            if (!result.IsSuccess)
                failures++;
        }
        return failures == 0 ? 0 : 1;
    }

    private static IEnumerable<string> ReadStdinEvents()
    {
        while (Console.In.ReadLine() is { } line)
            if (!string.IsNullOrWhiteSpace(line))
                yield return line;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: DepHealth.Emulator lambda --bootstrap PATH [--event FILE] [--timeout SECONDS] [--env KEY=VALUE]...");
        return 2;
    }
}
