using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Storage;

namespace DepHealth.Collection.Tests.Queue;

/// <summary>The message's wire form (source-generated JSON): snake_case names, delay never serialised, parse errors.</summary>
public sealed class CollectionMessageTests
{
    [Fact]
    public void Round_trips_with_snake_case_names_and_without_the_transport_delay()
    {
        var message = new CollectionMessage
        {
            Ecosystem = "npm", Name = "@babel/core", Reason = CollectionReasons.Retry, ForceRefresh = true,
            RequestedAt = new DateTimeOffset(2026, 11, 27, 15, 30, 0, TimeSpan.Zero), Tier = 2, Delay = TimeSpan.FromSeconds(30),
        };

        var json = message.ToJson();

        Assert.Equal("""{"ecosystem":"npm","name":"@babel/core","reason":"retry","force_refresh":true,"requested_at":"2026-11-27T15:30:00+00:00","tier":2}""", json);
        Assert.True(CollectionMessage.TryParse(json, out var parsed, out var error));
        Assert.Null(error);
        Assert.Equal(message with { Delay = TimeSpan.Zero }, parsed);
    }

    [Fact]
    public void Reads_the_original_s_message_shape()
    {
        Assert.True(CollectionMessage.TryParse("""{"ecosystem":"pypi","name":"Django","tier":3,"reason":"scan_discovery"}""", out var m, out _));
        Assert.True(m!.TryGetKey(out var key));
        Assert.Equal(new PackageKey("pypi", "django"), key);
        Assert.False(m.ForceRefresh);
        Assert.True(CollectionReasons.IsRetry("incomplete_data_retry"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"name":"x"}""")]
    [InlineData("""{"ecosystem":"npm","name":"x","force_refresh":"yes"}""")]
    public void Refuses_bodies_that_are_not_messages(string body)
    {
        Assert.False(CollectionMessage.TryParse(body, out var message, out var error));
        Assert.Null(message);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Delays_are_clamped_to_what_sqs_accepts()
    {
        CollectionMessage With(TimeSpan d) => new() { Ecosystem = "npm", Name = "x", Delay = d };
        Assert.Equal(TimeSpan.Zero, With(TimeSpan.FromSeconds(-5)).EffectiveDelay);
        Assert.Equal(TimeSpan.FromSeconds(42), With(TimeSpan.FromSeconds(42)).EffectiveDelay);
        Assert.Equal(TimeSpan.FromSeconds(900), With(TimeSpan.FromDays(1)).EffectiveDelay);
    }
}
