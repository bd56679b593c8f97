using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Http;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Collectors;

/// <summary>A recorded-response upstream world and a client on it, on a fake clock, per test class.</summary>
public abstract class UpstreamClientTestBase : IAsyncLifetime
{
    protected UpstreamWorld _world = null!;
    protected UpstreamClient _client = null!;
    protected readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T12:00:00Z"));

    public async Task InitializeAsync()
    {
        _world = await UpstreamWorld.StartAsync();
        _client = new UpstreamClient(_world.Urls, new CollectionSettings(), _time);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _world.DisposeAsync();
    }

    protected CollectionContext Context() => new(new CallRecorder(_time));
}
