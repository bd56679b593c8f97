using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Storage;
using DepHealth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Collection.Tests.Queue;

/// <summary>The SQS queue through the real AWSSDK.SQS client over loopback HTTP to <see cref="FakeSqs"/>.</summary>
public sealed class SqsCollectionQueueTests : IAsyncLifetime
{
    private FakeSqs _sqs = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => _sqs = await FakeSqs.StartAsync();

    public async Task DisposeAsync() => await _sqs.DisposeAsync();

    private SqsCollectionQueue Queue() => new(new SqsQueueSettings
    {
        QueueUrl = _sqs.QueueUrl,
        ServiceUrl = _sqs.Endpoint,
        MaxErrorRetry = 0,
        RequestTimeout = TimeSpan.FromSeconds(30),
    }, _time);

    private static CollectionMessage Message(int i, TimeSpan delay = default) =>
        new() { Ecosystem = "npm", Name = $"pkg-{i:D2}", Reason = CollectionReasons.RefreshDaily, Tier = 1, Delay = delay };

    [Fact]
    public async Task Sends_batches_of_ten_over_the_json_protocol_with_each_message_s_delay()
    {
        using var queue = Queue();
        Assert.False(queue.IsClientCreated); // nothing is built until the first send
        var messages = Enumerable.Range(0, 23).Select(i => Message(i, TimeSpan.FromSeconds(i * 50))).ToList();

        var result = await queue.EnqueueManyAsync(messages);

        Assert.Equal(23, result.Accepted);
        Assert.Empty(result.Failed);
        var calls = _sqs.Calls;
        Assert.All(calls, c => Assert.Equal("SendMessageBatch", c.Operation));
        Assert.All(calls, c => Assert.StartsWith("application/x-amz-json-1.0", c.ContentType));
        Assert.All(calls, c => Assert.Equal(_sqs.QueueUrl, c.Body["QueueUrl"]!.GetValue<string>()));
        Assert.Equal([3, 10, 10], calls.Select(c => c.Body["Entries"]!.AsArray().Count).Order());

        var received = _sqs.Messages.ToDictionary(m => CollectionMessage.TryParse(m.Body, out var parsed, out _) ? parsed!.Name : "?");
        Assert.Equal(23, received.Count);
        for (var i = 0; i < 23; i++)
        {
            var sent = received[$"pkg-{i:D2}"];
            Assert.Equal(Math.Min(i * 50, 900), sent.DelaySeconds); // 1000 s and more are clamped to SQS's 900
            Assert.True(CollectionMessage.TryParse(sent.Body, out var body, out _));
            Assert.Equal(("npm", CollectionReasons.RefreshDaily, 1, _time.GetUtcNow()), (body!.Ecosystem, body.Reason, body.Tier, body.RequestedAt));
        }
    }

    [Fact]
    public async Task Entries_sqs_refuses_are_reported_and_the_rest_are_queued()
    {
        using var queue = Queue();
        _sqs.RefuseEntry = body => body.Contains("\"pkg-03\"", StringComparison.Ordinal) || body.Contains("\"pkg-11\"", StringComparison.Ordinal);

        var result = await queue.EnqueueManyAsync(Enumerable.Range(0, 12).Select(i => Message(i)).ToList());

        Assert.Equal(10, result.Accepted);
        Assert.Equal(["pkg-03", "pkg-11"], result.Failed.Select(f => f.Message.Name).Order());
        Assert.All(result.Failed, f => Assert.Contains("InternalError", f.Reason));
    }

    [Fact]
    public async Task An_sqs_outage_fails_every_message_without_throwing_and_the_single_enqueue_throws()
    {
        using var queue = Queue();
        _sqs.FailAllWithStatus = 500;

        var result = await queue.EnqueueManyAsync(Enumerable.Range(0, 4).Select(i => Message(i)).ToList());

        Assert.Equal(0, result.Accepted);
        Assert.Equal(4, result.Failed.Count);
        Assert.All(result.Failed, f => Assert.StartsWith("SQS error", f.Reason));
        ICollectionQueue asInterface = queue;
        await Assert.ThrowsAsync<CollectionQueueException>(() => asInterface.EnqueueAsync(new PackageKey("npm", "chalk"), CollectionReasons.GetDiscovery).AsTask());
    }

    [Fact]
    public async Task The_single_enqueue_sends_one_message_with_its_reason()
    {
        using var queue = Queue();
        ICollectionQueue asInterface = queue;

        await asInterface.EnqueueAsync(new PackageKey("pypi", "requests"), CollectionReasons.ScanDiscovery);

        var sent = Assert.Single(_sqs.Messages);
        Assert.Equal(0, sent.DelaySeconds);
        Assert.Equal("""{"ecosystem":"pypi","name":"requests","reason":"scan_discovery","force_refresh":false,"requested_at":"2026-11-27T15:00:00+00:00"}""", sent.Body);
    }

    [Fact]
    public async Task Unsupported_ecosystems_are_refused_before_sending()
    {
        using var queue = Queue();

        var result = await queue.EnqueueManyAsync([new CollectionMessage { Ecosystem = "cargo", Name = "serde" }]);

        Assert.Equal(0, result.Accepted);
        Assert.Single(result.Failed);
        Assert.Empty(_sqs.Calls);
    }

    [Fact]
    public void Settings_come_from_the_environment_and_are_validated()
    {
        Assert.Null(SqsQueueSettings.FromEnvironment(_ => null));
        var settings = SqsQueueSettings.FromEnvironment(name => name switch
        {
            "COLLECTION_QUEUE_URL" => "https://sqs.eu-west-1.amazonaws.com/123456789012/q",
            "AWS_REGION" => "eu-west-1",
            _ => null,
        });
        Assert.Equal(("https://sqs.eu-west-1.amazonaws.com/123456789012/q", "eu-west-1", (string?)null),
            (settings!.QueueUrl, settings.Region, settings.ServiceUrl));
        Assert.Throws<ArgumentException>(() => SqsQueueSettings.FromEnvironment(name => name == "COLLECTION_QUEUE_URL" ? "not a url" : null));
    }
}
