using DepHealth.Core.Collection.Configuration;

namespace DepHealth.Server.Collection;

/// <summary>A running upstream emulator: its base URLs (as <c>DEPHEALTH_*_URL</c> variables) and what stops it.</summary>
public sealed class EmulatedUpstreams(IReadOnlyList<KeyValuePair<string, string>> variables, Func<ValueTask> stop) : IAsyncDisposable
{
    public IReadOnlyList<KeyValuePair<string, string>> Variables { get; } = variables;

    /// <summary>The base URLs as collector options (every upstream set, no GitHub token).</summary>
    public UpstreamOptions ToOptions() => UpstreamOptions.FromBaseUrlVariables(Variables);

    public ValueTask DisposeAsync() => stop();
}
