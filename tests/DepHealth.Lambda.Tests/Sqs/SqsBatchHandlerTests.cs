using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DepHealth.Lambda.Events;
using DepHealth.Lambda.Runtime;
using DepHealth.Lambda.Sqs;

namespace DepHealth.Lambda.Tests.Sqs;

/// <summary>The SQS batch adapter: the response lists exactly the messages the processor wants delivered again.</summary>
public class SqsBatchHandlerTests
{
    private sealed class ScriptedProcessor(Func<IReadOnlyList<SQSMessage>, IReadOnlyList<SqsMessageResult>> answer) : ISqsBatchProcessor
    {
        public List<IReadOnlyList<SQSMessage>> Batches { get; } = [];

        public Task<IReadOnlyList<SqsMessageResult>> ProcessAsync(IReadOnlyList<SQSMessage> messages, CancellationToken cancellationToken)
        {
            Batches.Add(messages);
            return Task.FromResult(answer(messages));
        }
    }

    /// <summary>An SQS event with one record per (id, body); a null id leaves the field out.</summary>
    internal static string Batch(params (string? Id, string Body)[] messages) => new JsonObject
    {
        ["Records"] = new JsonArray(messages.Select(m =>
        {
            var record = new JsonObject
            {
                ["receiptHandle"] = "AQEB" + m.Id,
                ["body"] = m.Body,
                ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = "arn:aws:sqs:us-east-1:123456789012:collection",
            };
            if (m.Id is not null)
                record["messageId"] = m.Id;
            return (JsonNode)record;
        }).ToArray()),
    }.ToJsonString();

    internal static LambdaInvocation Invocation(string json) =>
        new(new InvocationContext("req-1", DateTimeOffset.UtcNow.AddMinutes(5), null, null), Encoding.UTF8.GetBytes(json));

    internal static string[] FailedIds(ReadOnlyMemory<byte> response) =>
        JsonDocument.Parse(response).RootElement.GetProperty("batchItemFailures").EnumerateArray()
            .Select(f => f.GetProperty("itemIdentifier").GetString()!).ToArray();

    [Fact]
    public async Task Only_the_messages_to_retry_are_reported_in_batch_order_and_the_processor_sees_every_body()
    {
        var processor = new ScriptedProcessor(batch => batch.Select(m => new SqsMessageResult(m.Body!.Contains("fail"), "why")).ToList());
        var log = new StringWriter();
        var handler = new SqsBatchHandler(processor, log);

        var response = await handler.InvokeAsync(Invocation(Batch(("m-1", "ok"), ("m-2", "fail a"), ("m-3", "ok"), ("m-4", "fail b"))),
            CancellationToken.None);

        Assert.Equal(["m-2", "m-4"], FailedIds(response));
        Assert.Equal(["ok", "fail a", "ok", "fail b"], Assert.Single(processor.Batches).Select(m => m.Body));
        Assert.Contains("message m-2 will be retried: why", log.ToString());
        Assert.DoesNotContain("m-1 will be retried", log.ToString());
    }

    [Fact]
    public async Task A_batch_without_failures_answers_an_empty_list()
    {
        var handler = new SqsBatchHandler(new ScriptedProcessor(b => b.Select(_ => SqsMessageResult.Done).ToList()), TextWriter.Null);

        var response = await handler.InvokeAsync(Invocation(Batch(("m-1", "a"), ("m-2", "b"))), CancellationToken.None);

        Assert.Equal("""{"batchItemFailures":[]}""", Encoding.UTF8.GetString(response.Span));
    }

    [Fact]
    public async Task An_empty_batch_does_not_call_the_processor()
    {
        var processor = new ScriptedProcessor(_ => throw new InvalidOperationException("not expected"));

        var response = await new SqsBatchHandler(processor, TextWriter.Null).InvokeAsync(Invocation("""{"Records":[]}"""), CancellationToken.None);

        Assert.Empty(FailedIds(response));
        Assert.Empty(processor.Batches);
    }

    [Fact]
    public async Task A_failed_message_without_an_id_is_reported_with_an_empty_id_so_lambda_retries_the_whole_batch()
    {
        var handler = new SqsBatchHandler(new ScriptedProcessor(b => b.Select(_ => new SqsMessageResult(true)).ToList()), TextWriter.Null);

        var response = await handler.InvokeAsync(Invocation(Batch((null, "x"), ("m-2", "y"))), CancellationToken.None);

        Assert.Equal(["", "m-2"], FailedIds(response));
    }

    [Fact]
    public async Task A_processor_that_answers_for_the_wrong_number_of_messages_fails_the_invocation()
    {
        var handler = new SqsBatchHandler(new ScriptedProcessor(_ => [SqsMessageResult.Done]), TextWriter.Null);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await handler.InvokeAsync(Invocation(Batch(("m-1", "a"), ("m-2", "b"))), CancellationToken.None));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("""{"Records":"nope"}""")]
    [InlineData("not json")]
    public async Task An_event_that_is_not_an_sqs_batch_fails_the_invocation(string payload)
    {
        var handler = new SqsBatchHandler(new ScriptedProcessor(b => b.Select(_ => SqsMessageResult.Done).ToList()), TextWriter.Null);

        await Assert.ThrowsAnyAsync<JsonException>(async () => await handler.InvokeAsync(Invocation(payload), CancellationToken.None));
    }
}
