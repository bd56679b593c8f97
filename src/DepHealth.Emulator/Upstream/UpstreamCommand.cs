using System.CommandLine;
using System.Globalization;
using DepHealth.Core.Packages;
using DepHealth.Emulator.Upstream.Faults;
using DepHealth.Emulator.Upstream.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DepHealth.Emulator.Upstream;

/// <summary><c>DepHealth.Emulator upstream [options]</c>: starts the emulator, prints base URLs and env variables, serves until Ctrl-C.</summary>
public static class UpstreamCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = new Option<int>("--port") { Description = "Loopback port (0 = a free one)", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Universe seed: same seed and --now, same bytes", DefaultValueFactory = _ => 42 };
        var latency = new Option<string?>("--latency") { Description = "Per-upstream latency in ms, optional +jitter: depsdev=100,npm=60+20,github=120" };
        var connectionDelay = new Option<int>("--new-connection-delay") { Description = "Delay (ms) paid once by each new TCP connection", DefaultValueFactory = _ => 0 };
        var rateLimit = new Option<int>("--github-rate-limit") { Description = "GitHub requests per caller per hour", DefaultValueFactory = _ => 5000 };
        var now = new Option<string?>("--now") { Description = "The universe's 'now' (ISO 8601); default: the current time" };
        var synthetic = new Option<int>("--synthetic") { Description = "Generated packages per ecosystem besides the corpus ones", DefaultValueFactory = _ => 100 };
        var http2 = new Option<bool>("--http2") { Description = "Serve cleartext HTTP/2 (prior knowledge) instead of HTTP/1.1" };
        var fault = new Option<string[]>("--fault")
        {
            Description = "Fault rule UPSTREAM:KIND[:STATUS][@PROBABILITY][#FIRSTN], e.g. npm:status:503@0.2, github:status:202#2, bundlephobia:timeout",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new RootCommand("DepHealth upstream emulator: deps.dev, npm registry + downloads, GitHub, bundlephobia, PyPI, pypistats on loopback")
        {
            port, seed, latency, connectionDelay, rateLimit, now, synthetic, http2, fault,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new UpstreamEmulatorOptions
            {
                Port = parse.GetValue(port),
                Seed = parse.GetValue(seed),
                NewConnectionDelay = TimeSpan.FromMilliseconds(parse.GetValue(connectionDelay)),
                GitHubRateLimit = parse.GetValue(rateLimit),
                SyntheticPackagesPerEcosystem = parse.GetValue(synthetic),
                Protocols = parse.GetValue(http2) ? HttpProtocols.Http2 : HttpProtocols.Http1,
                HandleConsoleSignals = true,
            };
            try
            {
                if (parse.GetValue(now) is { } nowText)
                    options.Clock = new ShiftedClock(DateTimeOffset.Parse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
                foreach (var (kind, profile) in ParseLatency(parse.GetValue(latency)))
                    options.Latency[kind] = profile;
                foreach (var rule in parse.GetValue(fault) ?? [])
                    options.Faults.Add(ParseFault(rule));
                await using var emulator = await UpstreamEmulator.StartAsync(options, cancellationToken);
                Print(emulator);
                await emulator.WaitForShutdownAsync(cancellationToken);
                return 0;
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 2;
            }
        });
        return await command.Parse(args).InvokeAsync();
    }

    /// <summary><c>depsdev=100,npm=60+20</c> → fixed 100 ms for deps.dev, 60 ms plus up to 20 ms jitter for npm.</summary>
    public static IEnumerable<(UpstreamKind Kind, LatencyProfile Profile)> ParseLatency(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            yield break;
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = item.IndexOf('=');
            if (eq <= 0)
                throw new FormatException($"latency '{item}' is not UPSTREAM=MS[+JITTER]");
            var kind = UpstreamKinds.Parse(item[..eq]);
            var parts = item[(eq + 1)..].Split('+');
            if (parts.Length > 2 || !double.TryParse(parts[0], CultureInfo.InvariantCulture, out var ms) || ms < 0)
                throw new FormatException($"latency '{item}' is not UPSTREAM=MS[+JITTER]");
            var jitter = 0.0;
            if (parts.Length == 2 && (!double.TryParse(parts[1], CultureInfo.InvariantCulture, out jitter) || jitter < 0))
                throw new FormatException($"latency '{item}' has a bad jitter");
            yield return (kind, LatencyProfile.Milliseconds(ms, jitter));
        }
    }

    /// <summary><c>UPSTREAM:KIND[:STATUS][@PROBABILITY][#FIRSTN]</c>; UPSTREAM may be <c>*</c>.</summary>
    public static FaultRule ParseFault(string text)
    {
        var body = text;
        int? firstN = null;
        var probability = 1.0;
        var hash = body.IndexOf('#');
        if (hash >= 0)
        {
            firstN = int.Parse(body[(hash + 1)..], CultureInfo.InvariantCulture);
            body = body[..hash];
        }
        var at = body.IndexOf('@');
        if (at >= 0)
        {
            probability = double.Parse(body[(at + 1)..], CultureInfo.InvariantCulture);
            body = body[..at];
        }
        var parts = body.Split(':');
        if (parts.Length is < 2 or > 3 || !Enum.TryParse<FaultKind>(parts[1], ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            throw new FormatException($"fault '{text}' is not UPSTREAM:KIND[:STATUS][@PROBABILITY][#FIRSTN] (kinds: {string.Join(", ", Enum.GetNames<FaultKind>())})");
        var rule = new FaultRule
        {
            Upstream = parts[0] == "*" ? null : UpstreamKinds.Parse(parts[0]),
            Kind = kind,
            StatusCode = parts.Length == 3 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 500,
            RetryAfterSeconds = parts.Length == 3 && parts[2] is "429" or "503" ? 1 : null,
            Probability = probability,
            FirstN = firstN,
            CountPerPath = parts.Length == 3 && parts[2] == "202",
        };
        rule.Validate();
        return rule;
    }

    private static void Print(UpstreamEmulator emulator)
    {
        var u = emulator.Universe;
        Console.WriteLine($"DepHealth upstream emulator on {emulator.BaseUrls.Root.GetLeftPart(UriPartial.Authority)} " +
                          $"(seed {u.Seed}, now {u.Now:yyyy-MM-ddTHH:mm:ssZ}, {u.Names(Ecosystem.Npm).Count} npm + {u.Names(Ecosystem.PyPI).Count} PyPI packages)");
        foreach (var kind in UpstreamKinds.All)
            Console.WriteLine($"  {kind.Token(),-14} {emulator.BaseUrls[kind]}");
        Console.WriteLine($"  {"control",-14} {emulator.BaseUrls.Control}  (GET log, POST faults|latency|ratelimit|reset)");
        Console.WriteLine();
        foreach (var (name, value) in emulator.BaseUrls.EnvironmentVariables)
            Console.WriteLine($"export {name}={value}");
        Console.WriteLine();
        Console.WriteLine("Serving until Ctrl-C.");
    }
}
