namespace DepHealth.Cli.Output;

/// <summary>ANSI colour for terminals; none when NO_COLOR is set, --no-color is given or the output is not a terminal.</summary>
public sealed class Style(bool enabled)
{
    public bool Enabled { get; } = enabled;

    public static Style For(bool noColorFlag, bool outputRedirected, Func<string, string?> env) =>
        new(!noColorFlag && string.IsNullOrEmpty(env("NO_COLOR")) && !outputRedirected && env("TERM") != "dumb");

    public string Bold(string text) => Wrap("1", text);
    public string Dim(string text) => Wrap("2", text);
    public string Red(string text) => Wrap("31", text);

    /// <summary>Colours a risk level's text: red, yellow, cyan, green.</summary>
    public string Risk(string? risk, string text) => risk switch
    {
        "CRITICAL" => Wrap("1;31", text),
        "HIGH" => Wrap("31", text),
        "MEDIUM" => Wrap("33", text),
        "LOW" => Wrap("32", text),
        _ => Wrap("2", text),
    };

    private string Wrap(string code, string text) => Enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
