using System.Text;
using System.Text.Json;
using DepHealth.Lambda.Scheduled;

namespace DepHealth.Lambda.Tests.Scheduled;

/// <summary>What a schedule asks: the rule's constant Input, or the EventBridge envelope's detail.</summary>
public class ScheduleInputTests
{
    private static ScheduleInput Parse(string json) => ScheduleInput.Parse(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"tier":1,"reason":"refresh_daily"}""", 1, "refresh_daily")]
    [InlineData("""{"tier":"2"}""", 2, null)]
    [InlineData("""{"reason":"retry"}""", null, "retry")]
    [InlineData("""{}""", null, null)]
    [InlineData("""{"tier":1.5,"reason":7}""", null, null)]
    [InlineData("""{"tier":"x"}""", null, null)]
    public void Constant_input_is_read_from_the_root(string json, int? tier, string? reason)
    {
        Assert.Equal(new ScheduleInput(tier, reason), Parse(json));
    }

    [Fact]
    public void The_envelope_is_read_from_its_detail()
    {
        var input = Parse("""
            {"version":"0","id":"53dc4d37","detail-type":"Scheduled Event","source":"aws.events","time":"2026-11-27T02:00:00Z",
             "resources":["arn:aws:events:us-east-1:123456789012:rule/r"],"detail":{"tier":3,"reason":"refresh_weekly"}}
            """);

        Assert.Equal(new ScheduleInput(3, "refresh_weekly"), input);
    }

    [Fact]
    public void A_plain_scheduled_event_with_empty_detail_asks_for_nothing_in_particular()
    {
        Assert.Equal(new ScheduleInput(null, null), Parse("""{"detail-type":"Scheduled Event","source":"aws.events","detail":{}}"""));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"tier\"")]
    public void A_payload_that_is_not_an_object_is_refused(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Parse(json));
    }
}
