namespace DepHealth.Emulator.Lambda;

/// <summary>Options of an emulated function: its identity, the extra time allowed past a deadline, output echo.</summary>
public sealed class LambdaEmulatorOptions
{
    public string FunctionName { get; set; } = "dephealth-function";
    public string Region { get; set; } = "us-east-1";
    public int MemorySizeMb { get; set; } = 512;

    /// <summary>How long past an invocation's deadline the emulator waits before reporting a timeout.</summary>
    public TimeSpan TimeoutGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Copies the bootstrap's stdout/stderr lines here as they arrive (the by-hand mode uses stderr).</summary>
    public TextWriter? Echo { get; set; }

    public string FunctionArn => $"arn:aws:lambda:{Region}:000000000000:function:{FunctionName}";
}
