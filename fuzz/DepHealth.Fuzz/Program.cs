using System.Diagnostics;
using System.Security.Cryptography;
using DepHealth.Fuzz;
using SharpFuzz;

// dotnet run -c Release --project fuzz/DepHealth.Fuzz -- <command> …   (see Usage below and docs/reliability.md)
return args.Length == 0 ? Usage() : args[0] switch
{
    "list" => List(),
    "seeds" when args.Length == 3 => WriteSeeds(args[1], args[2]),
    "mutate" => Mutate(args[1..]),
    "replay" when args.Length >= 3 => Replay(args[1], args[2..]),
    "afl" when args.Length == 2 && FuzzTargets.Find(args[1]) is { } t => RunAfl(t),
    "libfuzzer" when args.Length == 2 && FuzzTargets.Find(args[1]) is { } t => RunLibFuzzer(t),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: DepHealth.Fuzz list
               DepHealth.Fuzz seeds TARGET DIR          write the target's seed inputs into DIR (for afl-fuzz -i)
               DepHealth.Fuzz mutate [--target T|all] [--seconds N] [--seed N] [--findings DIR]
                                                        built-in mutation fuzzing, no AFL needed (default: all, 60 s)
               DepHealth.Fuzz replay TARGET FILE…       run saved inputs (findings, AFL crashes) once each
               DepHealth.Fuzz afl TARGET                 the AFL entry point (run under afl-fuzz; see fuzz/afl.sh)
               DepHealth.Fuzz libfuzzer TARGET           the libFuzzer entry point (SharpFuzz libFuzzer driver)
        """);
    return 2;
}

static int List()
{
    foreach (var t in FuzzTargets.All)
        Console.WriteLine(t.Name);
    return 0;
}

static int WriteSeeds(string target, string dir)
{
    var t = FuzzTargets.Find(target);
    if (t is null)
        return Usage();
    Directory.CreateDirectory(dir);
    var seeds = SeedCorpus.For(t, RepoRoot());
    foreach (var (seed, i) in seeds.Select((s, i) => (s, i)))
        File.WriteAllBytes(Path.Combine(dir, $"seed-{i:D3}"), seed);
    Console.WriteLine($"{seeds.Count} seeds for {target} in {dir}");
    return 0;
}

static int RunAfl(FuzzTarget target)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        _ = target.Run(buffer.ToArray());
    });
    return 0;
}

static int RunLibFuzzer(FuzzTarget target)
{
    Fuzzer.LibFuzzer.Run(span => _ = target.Run(span.ToArray()));
    return 0;
}

static int Replay(string target, string[] files)
{
    var t = FuzzTargets.Find(target);
    if (t is null)
        return Usage();
    var failed = 0;
    foreach (var file in files)
    {
        try
        {
            Console.WriteLine($"ok      {file}: {t.Run(File.ReadAllBytes(file))}");
        }
        catch (Exception e)
        {
            failed++;
            Console.WriteLine($"FINDING {file}: {e}");
        }
    }
    return failed == 0 ? 0 : 1;
}

static int Mutate(string[] options)
{
    string Option(string name, string fallback)
    {
        var i = Array.IndexOf(options, name);
        return i >= 0 && i + 1 < options.Length ? options[i + 1] : fallback;
    }
    var targetName = Option("--target", "all");
    var seconds = double.Parse(Option("--seconds", "60"), System.Globalization.CultureInfo.InvariantCulture);
    var seed = int.Parse(Option("--seed", Environment.TickCount.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);
    var findingsDir = Option("--findings", Path.Combine(RepoRoot(), "fuzz", "findings"));
    var targets = targetName == "all" ? FuzzTargets.All : FuzzTargets.Find(targetName) is { } one ? [one] : [];
    if (targets.Count == 0)
        return Usage();

    Console.WriteLine($"mutation fuzzing {string.Join(", ", targets.Select(t => t.Name))} for {seconds} s each, seed {seed}");
    var totalFindings = 0;
    long totalExecutions = 0;
    foreach (var target in targets)
    {
        var (executions, findings) = new MutationLoop(target, SeedCorpus.For(target, RepoRoot()), seed, findingsDir).Run(TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"{target.Name,-14} {executions,10:N0} executions  {findings} distinct finding(s)");
        totalExecutions += executions;
        totalFindings += findings;
    }
    Console.WriteLine($"total {totalExecutions:N0} executions, {totalFindings} distinct finding(s); inputs saved under {findingsDir}");
    return totalFindings == 0 ? 0 : 1;
}

static string RepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DepHealth.sln")))
        dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}

/// <summary>
/// The built-in fuzz loop: mutates seeds, runs the target in process, saves each distinct finding (by exception
/// type and top frame) once, and keeps inputs that produced a new outcome as further seeds. A watchdog saves and
/// reports an input that runs longer than 10 s (a hang) and stops the process.
/// </summary>
internal sealed class MutationLoop(FuzzTarget target, List<byte[]> seeds, int seed, string findingsDir)
{
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(1);

    public (long Executions, int Findings) Run(TimeSpan duration)
    {
        var random = new Random(seed);
        var mutator = new Mutator(random);
        var pool = new List<byte[]>(seeds);
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        var findings = new HashSet<string>(StringComparer.Ordinal);
        byte[] current = [];
        var started = Stopwatch.GetTimestamp();
        var runStarted = 0L;
        using var watchdog = new Timer(_ =>
        {
            var at = Interlocked.Read(ref runStarted);
            if (at != 0 && Stopwatch.GetElapsedTime(at) > HangAfter)
            {
                var file = Save("hang", Volatile.Read(ref current));
                Console.Error.WriteLine($"{target.Name}: HANG (> {HangAfter.TotalSeconds} s) on {file}");
                Environment.Exit(3);
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        long executions = 0;
        foreach (var s in seeds)
            Execute(s);
        while (Stopwatch.GetElapsedTime(started) < duration)
            Execute(mutator.Mutate(pool[random.Next(pool.Count)], pool));
        return (executions, findings.Count);

        void Execute(byte[] input)
        {
            Volatile.Write(ref current, input);
            Interlocked.Exchange(ref runStarted, Stopwatch.GetTimestamp());
            string outcome;
            try
            {
                outcome = target.Run(input);
            }
            catch (Exception e)
            {
                var where = new StackTrace(e.InnerException ?? e).GetFrames().FirstOrDefault(f => f.GetMethod() is not null)?.GetMethod();
                var key = $"{e.GetType().Name}/{e.InnerException?.GetType().Name}@{where?.DeclaringType?.Name}.{where?.Name}";
                if (findings.Add(key))
                    Console.Error.WriteLine($"{target.Name}: FINDING {key} saved as {Save("crash", input)}\n{e}\n");
                outcome = key;
            }
            var elapsed = Stopwatch.GetElapsedTime(Interlocked.Exchange(ref runStarted, 0));
            executions++;
            if (elapsed > SlowAfter && findings.Add("slow:" + input.Length / 1024))
                Console.Error.WriteLine($"{target.Name}: SLOW input ({elapsed.TotalMilliseconds:F0} ms, {input.Length} bytes) saved as {Save("slow", input)}");
            // Crude feedback without coverage: keep an input whose outcome (and size class) was not seen before.
            if (outcomes.Add($"{outcome}:{Math.Min(input.Length / 512, 16)}") && pool.Count < 10_000)
                pool.Add(input);
        }
    }

    private string Save(string kind, byte[] input)
    {
        var dir = Path.Combine(findingsDir, target.Name);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"{kind}-{Convert.ToHexStringLower(SHA1.HashData(input))[..12]}");
        File.WriteAllBytes(file, input);
        return file;
    }
}
