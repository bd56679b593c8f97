namespace DepHealth.Emulator.Lambda;

/// <summary>One call the runtime made to the emulated Runtime API, in arrival order (<see cref="Sequence"/>).</summary>
public sealed record RuntimeApiCall(long Sequence, string Kind, string? RequestId, TimeSpan SinceProcessStart)
{
    public const string Next = "next";
    public const string Response = "response";
    public const string Error = "error";
    public const string InitError = "init/error";
    /// <summary>Prefix of a marker posted to <c>/emulator/mark</c> by a function under test.</summary>
    public const string MarkPrefix = "mark:";
}
