using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DepHealth.Testing;

/// <summary>One request the fake received: the operation (from <c>X-Amz-Target</c>), content type and JSON body.</summary>
public sealed record SqsCall(string Operation, string? ContentType, JsonObject Body);

/// <summary>One message the fake accepted.</summary>
public sealed record SqsMessage(string MessageId, string QueueUrl, string Body, int DelaySeconds);

/// <summary>
/// A loopback SQS that speaks the AWS JSON 1.0 protocol of AWSSDK.SQS 4.x (<c>POST /</c>,
/// <c>X-Amz-Target: AmazonSQS.SendMessageBatch</c>, <c>application/x-amz-json-1.0</c>): records every call, keeps
/// accepted messages, answers with the MD5 the SDK verifies, and can refuse entries or whole calls on demand.
/// Implements SendMessage and SendMessageBatch (with SQS's rules: 1..10 entries, unique ids, DelaySeconds 0..900).
/// </summary>
public sealed class FakeSqs : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SqsCall> _calls = new();
    private readonly ConcurrentQueue<SqsMessage> _messages = new();

    private FakeSqs(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    /// <summary>A queue URL on this endpoint (the SDK sends it in the body; the fake accepts any).</summary>
    public string QueueUrl => Endpoint + "/000000000000/dephealth-collect";

    public IReadOnlyList<SqsCall> Calls => [.. _calls];
    public IReadOnlyList<SqsMessage> Messages => [.. _messages];

    /// <summary>Entries whose body matches are refused in the batch answer's <c>Failed</c> list.</summary>
    public Func<string, bool>? RefuseEntry { get; set; }

    /// <summary>When set, every call answers this HTTP status with an SQS error body (e.g. 500 InternalError).</summary>
    public int? FailAllWithStatus { get; set; }

    public static async Task<FakeSqs> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeSqs(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.Endpoint = app.Urls.First().TrimEnd('/');
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith("AmazonSQS.", StringComparison.Ordinal) ? target["AmazonSQS.".Length..] : target;
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        _calls.Enqueue(new SqsCall(operation, context.Request.ContentType, body));

        if (FailAllWithStatus is { } status)
        {
            await WriteAsync(context, status, new JsonObject { ["__type"] = "com.amazonaws.sqs#InternalError", ["message"] = "injected failure" });
            return;
        }
        switch (operation)
        {
            case "SendMessageBatch":
                await SendBatchAsync(context, body);
                break;
            case "SendMessage":
                var single = Accept(body["QueueUrl"]?.GetValue<string>() ?? "", body);
                await WriteAsync(context, 200, new JsonObject { ["MessageId"] = single.MessageId, ["MD5OfMessageBody"] = Md5(single.Body) });
                break;
            default:
                await WriteAsync(context, 400, Error("UnsupportedOperation", $"the fake does not implement '{target}'"));
                break;
        }
    }

    private async Task SendBatchAsync(HttpContext context, JsonObject body)
    {
        var queueUrl = body["QueueUrl"]?.GetValue<string>() ?? "";
        var entries = body["Entries"] as JsonArray ?? [];
        if (entries.Count is 0 or > 10)
        {
            await WriteAsync(context, 400, Error(entries.Count == 0 ? "AWS.SimpleQueueService.EmptyBatchRequest" : "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "1..10 entries"));
            return;
        }
        var ids = entries.Select(e => e?["Id"]?.GetValue<string>()).ToList();
        if (ids.Distinct().Count() != ids.Count)
        {
            await WriteAsync(context, 400, Error("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "ids must be distinct"));
            return;
        }
        var successful = new JsonArray();
        var failed = new JsonArray();
        foreach (var entry in entries.OfType<JsonObject>())
        {
            var id = entry["Id"]!.GetValue<string>();
            var delay = entry["DelaySeconds"]?.GetValue<int>() ?? 0;
            var text = entry["MessageBody"]?.GetValue<string>() ?? "";
            if (delay is < 0 or > 900 || RefuseEntry?.Invoke(text) == true)
            {
                failed.Add(new JsonObject { ["Id"] = id, ["SenderFault"] = delay is < 0 or > 900, ["Code"] = delay is < 0 or > 900 ? "InvalidParameterValue" : "InternalError", ["Message"] = "refused" });
                continue;
            }
            var message = Accept(queueUrl, entry);
            successful.Add(new JsonObject { ["Id"] = id, ["MessageId"] = message.MessageId, ["MD5OfMessageBody"] = Md5(message.Body) });
        }
        await WriteAsync(context, 200, new JsonObject { ["Successful"] = successful, ["Failed"] = failed });
    }

    private SqsMessage Accept(string queueUrl, JsonObject entry)
    {
        var message = new SqsMessage(Guid.NewGuid().ToString(), queueUrl, entry["MessageBody"]?.GetValue<string>() ?? "",
            entry["DelaySeconds"]?.GetValue<int>() ?? 0);
        _messages.Enqueue(message);
        return message;
    }

    private static JsonObject Error(string code, string message) => new() { ["__type"] = "com.amazonaws.sqs#" + code, ["message"] = message };

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.0";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
