using CsCheck;

namespace DepHealth.Properties.Tests;

/// <summary>
/// How many generated cases each property runs: 10,000 by default (the CI budget), more or fewer through
/// <c>DEPHEALTH_PROPERTY_CASES</c>. A failure message carries CsCheck's seed; <c>CsCheck_Seed=…</c> replays it.
/// </summary>
public static class Cases
{
    public const int Default = 10_000;

    public static int PerProperty { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("DEPHEALTH_PROPERTY_CASES"), out var n) && n > 0 ? n : Default;

    /// <summary>The seed to replay, when one is given (CsCheck prints it as <c>Set seed: "…"</c> on failure).</summary>
    public static string? Seed => Environment.GetEnvironmentVariable("CsCheck_Seed") is { Length: > 0 } s ? s : null;

    /// <summary>Runs <paramref name="property"/> over <see cref="PerProperty"/> cases of <paramref name="gen"/>.</summary>
    public static void Check<T>(Gen<T> gen, Action<T> property, Func<T, string>? print = null) =>
        gen.Sample(property, seed: Seed, iter: PerProperty, print: print ?? Printing.Default);

    /// <summary>Async form of <see cref="Check{T}"/> for the router and the Lambda adapter.</summary>
    public static Task CheckAsync<T>(Gen<T> gen, Func<T, Task> property, Func<T, string>? print = null) =>
        gen.SampleAsync(property, seed: Seed, iter: PerProperty, print: print ?? Printing.Default);
}

/// <summary>Failure printing that keeps huge generated inputs readable (escaped, cut to 2,000 characters).</summary>
public static class Printing
{
    public static string Default<T>(T value) => Text(value?.ToString() ?? "null");

    public static string Text(string s)
    {
        var escaped = System.Text.Json.JsonSerializer.Serialize(s.Length > 2000 ? s[..2000] : s);
        return s.Length > 2000 ? $"{escaped}… ({s.Length} chars)" : escaped;
    }
}
