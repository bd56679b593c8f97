using System.Text.Json;
using DepHealth.Lambda.Events;
using DepHealth.Lambda.Json;

namespace DepHealth.Lambda.Tests.Events;

public class EventModelTests
{
    [Fact]
    public void Sqs_event_deserialises_every_record_field()
    {
        const string json = """
            {"Records":[
              {"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d","receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
               "body":"{\"ecosystem\":\"npm\",\"name\":\"lodash\",\"tier\":1}",
               "attributes":{"ApproximateReceiveCount":"2","SentTimestamp":"1545082649183","SenderId":"AIDAIENQZJOLO23YVJ4VO",
                             "ApproximateFirstReceiveTimestamp":"1545082649185"},
               "messageAttributes":{"reason":{"stringValue":"incomplete_data_retry","stringListValues":[],"binaryListValues":[],"dataType":"String"}},
               "md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs",
               "eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:dephealth-collect","awsRegion":"us-east-1"},
              {"messageId":"2e1424d4-f796-459a-8184-9c92662be6da","receiptHandle":"AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq",
               "body":"{\"ecosystem\":\"pypi\",\"name\":\"requests\"}","attributes":{"ApproximateReceiveCount":"1"},
               "messageAttributes":{},"eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:dephealth-collect"}
            ]}
            """;

        var sqs = JsonSerializer.Deserialize(json, LambdaJsonContext.Default.SQSEvent)!;

        Assert.Equal(2, sqs.Records.Count);
        var first = sqs.Records[0];
        Assert.Equal("059f36b4-87a3-44ab-83d2-661975830a7d", first.MessageId);
        Assert.Equal("AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a", first.ReceiptHandle);
        Assert.Contains("\"lodash\"", first.Body);
        Assert.Equal("2", first.Attributes!["ApproximateReceiveCount"]);
        Assert.Equal("incomplete_data_retry", first.MessageAttributes!["reason"].StringValue);
        Assert.Equal("String", first.MessageAttributes["reason"].DataType);
        Assert.Equal("aws:sqs", first.EventSource);
        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:dephealth-collect", first.EventSourceArn);
        Assert.Empty(sqs.Records[1].MessageAttributes!);
    }

    [Fact]
    public void Sqs_batch_response_serialises_as_lambda_expects()
    {
        var response = new SQSBatchResponse
        {
            BatchItemFailures = [new() { ItemIdentifier = "059f36b4" }, new() { ItemIdentifier = "2e1424d4" }],
        };

        var json = JsonSerializer.Serialize(response, LambdaJsonContext.Default.SQSBatchResponse);

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"059f36b4"},{"itemIdentifier":"2e1424d4"}]}""", json);
    }

    [Fact]
    public void Scheduled_event_keeps_detail_type_and_raw_detail()
    {
        const string json = """
            {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event","source":"aws.events",
             "account":"123456789012","time":"2026-11-27T12:00:00Z","region":"us-east-1",
             "resources":["arn:aws:events:us-east-1:123456789012:rule/dephealth-refresh-tier1"],
             "detail":{"tier":1,"reason":"scheduled_refresh","names":["lodash","react"]}}
            """;

        var e = JsonSerializer.Deserialize(json, LambdaJsonContext.Default.ScheduledEvent)!;

        Assert.Equal("Scheduled Event", e.DetailType);
        Assert.Equal("aws.events", e.Source);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), e.Time);
        Assert.Single(e.Resources!);
        Assert.Equal(JsonValueKind.Object, e.Detail.ValueKind);
        Assert.Equal(1, e.Detail.GetProperty("tier").GetInt32());
        Assert.Equal("react", e.Detail.GetProperty("names")[1].GetString());
    }

    [Fact]
    public void Scheduled_event_with_empty_detail_parses()
    {
        var e = JsonSerializer.Deserialize("""{"detail-type":"Scheduled Event","detail":{}}""", LambdaJsonContext.Default.ScheduledEvent)!;

        Assert.Equal(JsonValueKind.Object, e.Detail.ValueKind);
        Assert.Empty(e.Detail.EnumerateObject());
    }
}
