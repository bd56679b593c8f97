using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Auth;
using DepHealth.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Storage.Tests;

/// <summary>Key format, issuing and validation (with its per-process cache) against dynalite.</summary>
public sealed class ApiKeyTests(DynamoFixture db) : IClassFixture<DynamoFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Generated_keys_are_well_formed_and_distinct()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => ApiKeyFormat.Generate()).ToList();
        Assert.All(keys, k =>
        {
            Assert.StartsWith("dh_", k);
            Assert.Equal(46, k.Length);
            Assert.True(ApiKeyFormat.IsWellFormed(k));
        });
        Assert.Equal(1000, keys.Distinct().Count());
        Assert.Equal(64, ApiKeyFormat.Hash(keys[0]).Length);
        Assert.Matches("^[0-9a-f]{64}$", ApiKeyFormat.Hash(keys[0]));
    }

    public static TheoryData<string?> MalformedKeys()
    {
        var good = ApiKeyFormat.Generate();
        return new TheoryData<string?>
        {
            null, "", "dh_", "pw_" + good[3..], "DH_" + good[3..], good[..^1], good + "A",
            "dh_" + new string('+', 43), "dh_" + new string('/', 43), "dh_" + good[3..^1] + "=",
            " " + good[1..], good[..10] + " " + good[11..], "dh_" + new string('é', 43),
        };
    }

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task Malformed_keys_are_rejected_without_any_request(string? key)
    {
        Assert.False(ApiKeyFormat.IsWellFormed(key));
        var validator = new ApiKeyValidator(db.ProxiedClients, timeProvider: _time);
        db.Proxy.ResetCounters();
        Assert.Null(await validator.ValidateAsync(key));
        Assert.Equal(0, db.Proxy.TotalRequests);
    }

    [Fact]
    public async Task Issued_key_validates_to_its_user_and_tier_and_only_its_hash_is_stored()
    {
        var issued = await new ApiKeyIssuer(db.Direct, _time).CreateAsync("user-issue", Tiers.Pro);
        var identity = await new ApiKeyValidator(db.Direct, timeProvider: _time).ValidateAsync(issued.RawKey);

        Assert.Equal(new ApiKeyIdentity("user-issue", ApiKeyFormat.Hash(issued.RawKey), "pro", 100_000), identity);
        Assert.DoesNotContain(issued.RawKey, issued.ToString());

        var items = (await db.Client.ScanAsync(new ScanRequest { TableName = db.Settings.ApiKeysTable })).Items;
        var keyItem = Assert.Single(items, i => i["pk"].S == "key#" + issued.KeyHash);
        Assert.Equal("KEY", keyItem["sk"].S);
        Assert.Equal(issued.RawKey[^4..], keyItem["key_suffix"].S);
        Assert.Equal("2026-11-27T10:00:00.0000000Z", keyItem["created_at"].S);
        Assert.Contains(items, i => i["pk"].S == "user#user-issue" && i["sk"].S == "USER");
        // The secret part appears nowhere in the table.
        var secret = issued.RawKey[3..^4];
        Assert.DoesNotContain(items.SelectMany(i => i.Values), v => (v.S ?? "").Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Issuer_refuses_bad_user_ids_and_tiers()
    {
        var issuer = new ApiKeyIssuer(db.Direct, _time);
        await Assert.ThrowsAsync<ArgumentException>(() => issuer.CreateAsync("", Tiers.Free));
        await Assert.ThrowsAsync<ArgumentException>(() => issuer.CreateAsync("a#b", Tiers.Free));
        await Assert.ThrowsAsync<ArgumentException>(() => issuer.CreateAsync("user", "platinum"));
    }

    [Fact]
    public async Task Unknown_well_formed_key_is_rejected_after_one_read()
    {
        var validator = new ApiKeyValidator(db.ProxiedClients, timeProvider: _time);
        db.Proxy.ResetCounters();
        Assert.Null(await validator.ValidateAsync(ApiKeyFormat.Generate()));
        Assert.Equal(1, db.Proxy.CountOf("GetItem"));
    }

    [Fact]
    public async Task Valid_answers_are_cached_until_their_ttl_then_read_again()
    {
        var issued = await new ApiKeyIssuer(db.Direct, _time).CreateAsync("user-cache", Tiers.Starter);
        var options = new ApiKeyValidatorOptions { ValidTtl = TimeSpan.FromSeconds(60), RejectedTtl = TimeSpan.FromSeconds(10) };
        var validator = new ApiKeyValidator(db.ProxiedClients, options, _time);
        db.Proxy.ResetCounters();

        for (var i = 0; i < 5; i++)
            Assert.Equal(25_000, (await validator.ValidateAsync(issued.RawKey))!.MonthlyLimit);
        Assert.Equal(1, db.Proxy.CountOf("GetItem"));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await validator.ValidateAsync(issued.RawKey));
        Assert.Equal(1, db.Proxy.CountOf("GetItem"));

        // Revoked in the store: still served from the cache until expiry, then refused.
        await db.Client.DeleteItemAsync(new DeleteItemRequest { TableName = db.Settings.ApiKeysTable, Key = ApiKeysTableLayout.ApiKey(issued.KeyHash) });
        Assert.NotNull(await validator.ValidateAsync(issued.RawKey));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await validator.ValidateAsync(issued.RawKey));
        Assert.Equal(2, db.Proxy.CountOf("GetItem"));
    }

    [Fact]
    public async Task Rejected_answers_are_cached_for_the_shorter_ttl()
    {
        var validator = new ApiKeyValidator(db.ProxiedClients,
            new ApiKeyValidatorOptions { ValidTtl = TimeSpan.FromSeconds(60), RejectedTtl = TimeSpan.FromSeconds(10) }, _time);
        var unknown = ApiKeyFormat.Generate();
        db.Proxy.ResetCounters();

        Assert.Null(await validator.ValidateAsync(unknown));
        Assert.Null(await validator.ValidateAsync(unknown));
        Assert.Equal(1, db.Proxy.CountOf("GetItem"));

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Null(await validator.ValidateAsync(unknown));
        Assert.Equal(2, db.Proxy.CountOf("GetItem"));
    }

    [Fact]
    public async Task Key_item_with_an_unknown_tier_gets_the_free_limit()
    {
        var raw = ApiKeyFormat.Generate();
        var hash = ApiKeyFormat.Hash(raw);
        var item = ApiKeysTableLayout.ApiKey(hash);
        item["key_hash"] = new AttributeValue { S = hash };
        item["user_id"] = new AttributeValue { S = "user-odd-tier" };
        item["tier"] = new AttributeValue { S = "platinum" };
        await db.Client.PutItemAsync(new PutItemRequest { TableName = db.Settings.ApiKeysTable, Item = item });

        var identity = await new ApiKeyValidator(db.Direct, timeProvider: _time).ValidateAsync(raw);
        Assert.Equal(("free", 5_000L), (identity!.Tier, identity.MonthlyLimit));
    }

    [Fact]
    public async Task Key_item_whose_stored_hash_differs_is_refused()
    {
        var raw = ApiKeyFormat.Generate();
        var item = ApiKeysTableLayout.ApiKey(ApiKeyFormat.Hash(raw));
        item["key_hash"] = new AttributeValue { S = ApiKeyFormat.Hash(ApiKeyFormat.Generate()) };
        item["user_id"] = new AttributeValue { S = "user-mismatch" };
        await db.Client.PutItemAsync(new PutItemRequest { TableName = db.Settings.ApiKeysTable, Item = item });

        Assert.Null(await new ApiKeyValidator(db.Direct, timeProvider: _time).ValidateAsync(raw));
    }

    [Fact]
    public void Tier_limits_follow_the_reference()
    {
        Assert.Equal([5_000L, 25_000, 100_000, 500_000], new[] { "free", "starter", "pro", "business" }.Select(Tiers.MonthlyLimitOf));
        Assert.Equal(5_000, Tiers.MonthlyLimitOf(null));
        Assert.Equal(5_000, Tiers.MonthlyLimitOf("Pro")); // case-sensitive, as stored
    }
}
