using System.Text;

namespace DepHealth.Emulator.Lambda;

/// <summary>What the runtime posted to init/error: the error type header and the error document.</summary>
public sealed record LambdaInitFailure(string? ErrorType, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}
