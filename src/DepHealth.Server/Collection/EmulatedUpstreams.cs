using DepHealth.Core.Collection.Configuration;

namespace DepHealth.Server.Collection;

/// <summary>A running upstream emulator: its base URLs (as <c>DEPHEALTH_*_URL</c> variables) and what stops it.</summary>
public sealed class EmulatedUpstreams(IReadOnlyList<KeyValuePair<string, string>> variables, Func<ValueTask> stop) : IAsyncDisposable
{
    public IReadOnlyList<KeyValuePair<string, string>> Variables { get; } = variables;

    /// <summary>The base URLs as collector options (every upstream set, no GitHub token).</summary>
    public UpstreamOptions ToOptions()
    {
        var options = new UpstreamOptions();
        foreach (var upstream in Upstreams.All)
        {
            var value = Variables.FirstOrDefault(v => v.Key == upstream.EnvironmentVariable()).Value;
            options.SetBaseUrl(upstream, UpstreamOptions.ParseBaseUrl(value)
                ?? throw new InvalidOperationException($"the emulator did not report {upstream.EnvironmentVariable()}"));
        }
        return options;
    }

    public ValueTask DisposeAsync() => stop();
}
