using System.Net;
using DepHealth.Core.Auth;
using DepHealth.Testing;

namespace DepHealth.Reliability.Tests;

/// <summary>
/// Key validation when the keys table can't be read: a key this process saw valid keeps working for
/// <see cref="ApiKeyValidatorOptions.StaleIfError"/> past its cache lifetime; anything else is a 503, never a 401.
/// </summary>
public sealed class KeysUnderFaultsTests : IAsyncLifetime
{
    private static readonly ApiKeyValidatorOptions KeyOptions = new();
    private FaultStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await FaultStack.StartAsync(keys: KeyOptions);
        await _stack.SeedAsync(1);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task A_known_key_survives_an_outage_for_the_stale_window_only()
    {
        var name = FaultStack.NameOf(0);
        using (var warm = await _stack.GetAsync(name))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        var other = (await new ApiKeyIssuer(_stack.Direct, _stack.Time).CreateAsync("rel-other", Tiers.Free)).RawKey;

        _stack.Faults.Set(new FaultRule(DynamoFault.InternalServerError, "GetItem"));
        _stack.Time.Advance(KeyOptions.ValidTtl + TimeSpan.FromSeconds(1));

        using (var during = await _stack.GetAsync(name))
            Assert.Equal(HttpStatusCode.OK, during.StatusCode); // cached identity; the package is still in the cache
        using (var unseen = await _stack.GetAsync(name, other))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unseen.StatusCode); // never seen here: fail closed, not 401

        _stack.Time.Advance(KeyOptions.StaleIfError);
        using (var late = await _stack.GetAsync(name))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, late.StatusCode);

        _stack.Faults.Clear();
        using (var after = await _stack.GetAsync(name))
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_loses_its_identity_as_soon_as_the_store_answers_again()
    {
        var name = FaultStack.NameOf(0);
        using (var warm = await _stack.GetAsync(name))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        await _stack.Direct.Client.DeleteItemAsync(_stack.Direct.Settings.ApiKeysTable,
            ApiKeysTableLayout.ApiKey(ApiKeyFormat.Hash(_stack.Key)));
        _stack.Time.Advance(KeyOptions.ValidTtl + TimeSpan.FromSeconds(1));

        // GET without a valid key is the anonymous demo mode: no longer charged to, or served as, the user.
        using var anonymous = await _stack.GetAsync(name);
        Assert.Equal("true", Assert.Single(anonymous.Headers.GetValues("X-Demo-Mode")));
    }
}
