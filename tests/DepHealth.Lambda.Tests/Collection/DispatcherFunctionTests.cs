using System.Text;
using System.Text.Json;
using DepHealth.Core.Collection;
using DepHealth.Core.Collection.Dispatch;
using DepHealth.Core.Collection.Queue;
using DepHealth.Core.Json;
using DepHealth.Core.Packages;
using DepHealth.Lambda.Collection;
using DepHealth.Lambda.Runtime;

namespace DepHealth.Lambda.Tests.Collection;

/// <summary>The dispatcher functions in-process: a schedule's event in, its report out, the messages in SQS (loopback fake).</summary>
public sealed class DispatcherFunctionTests(CollectionStack stack) : IClassFixture<CollectionStack>
{
    private static LambdaInvocation Invocation(string json) =>
        new(new InvocationContext("req-s", DateTimeOffset.UtcNow.AddMinutes(2), null, null), Encoding.UTF8.GetBytes(json));

    private static DispatchReport Report(ReadOnlyMemory<byte> response) =>
        JsonSerializer.Deserialize(response.Span, DepHealthJsonContext.Default.DispatchReport)!;

    private List<(CollectionMessage Message, int DelaySeconds)> SentTo(Func<CollectionMessage, bool> which) =>
        stack.Sqs.Messages.Select(m => (JsonSerializer.Deserialize(m.Body, DepHealthJsonContext.Default.CollectionMessage)!, m.DelaySeconds))
            .Where(m => which(m.Item1)).ToList();

    private async Task PutAsync(params PackageRecord[] records)
    {
        foreach (var r in records)
            await stack.Store.PutAsync(r);
    }

    private PackageRecord Record(string name, int tier, TimeSpan age, string status = DataStatus.Complete, TimeSpan? retryIn = null, int retries = 0)
    {
        var now = stack.Time.GetUtcNow();
        return new PackageRecord
        {
            Ecosystem = "npm", Name = name, Tier = tier, LastUpdated = now - age, CollectedAt = now - age, DataStatus = status,
            NextRetryAt = retryIn is { } r ? now + r : null, RetryCount = retries, MissingSources = status == DataStatus.Complete ? [] : ["github"],
        };
    }

    [Fact]
    public async Task The_daily_schedule_queues_tier_1s_due_packages_with_delays_within_five_minutes()
    {
        await PutAsync(
            Record("sched-t1-old", 1, TimeSpan.FromHours(25)),
            Record("sched-t1-new", 1, TimeSpan.FromHours(2)),
            Record("sched-t3-old", 3, TimeSpan.FromDays(10)));
        using var queue = stack.Queue();
        var function = CollectionFunctions.Refresh(new RefreshDispatcher(stack.Store, queue, stack.Time), TextWriter.Null);

        var response = await function.Handler.InvokeAsync(Invocation("""{"tier":1,"reason":"refresh_daily"}"""), default);

        var report = Report(response);
        Assert.Equal(("refresh", 1, "refresh_daily"), (report.Dispatcher, report.Tier, report.Reason));
        var sent = SentTo(m => m.Name.StartsWith("sched-t", StringComparison.Ordinal));
        Assert.Equal("sched-t1-old", Assert.Single(sent).Message.Name);
        Assert.InRange(sent[0].DelaySeconds, 0, 300);
        Assert.Equal(report.Dispatched, stack.Sqs.Messages.Count(m => m.Body.Contains("\"refresh_daily\"")));
    }

    [Fact]
    public async Task The_retry_schedule_queues_due_incomplete_records_as_forced_retries()
    {
        await PutAsync(
            Record("sched-retry-due", 2, TimeSpan.FromHours(3), DataStatus.Partial, TimeSpan.FromMinutes(-5), retries: 1),
            Record("sched-retry-spent", 2, TimeSpan.FromHours(3), DataStatus.Partial, TimeSpan.FromMinutes(-5), retries: 5),
            Record("sched-retry-later", 2, TimeSpan.FromHours(3), DataStatus.Minimal, TimeSpan.FromMinutes(5), retries: 0));
        using var queue = stack.Queue();
        var function = CollectionFunctions.Retry(new RetryDispatcher(stack.Store, queue, stack.Time), TextWriter.Null);

        // EventBridge's envelope, as a rule without Input delivers it.
        var report = Report(await function.Handler.InvokeAsync(Invocation(
            """{"version":"0","id":"e1","detail-type":"Scheduled Event","source":"aws.events","time":"2026-11-27T02:00:00Z","detail":{}}"""), default));

        Assert.Equal("retry", report.Dispatcher);
        var sent = SentTo(m => m.Name.StartsWith("sched-retry", StringComparison.Ordinal));
        var (message, delay) = Assert.Single(sent);
        Assert.Equal("sched-retry-due", message.Name);
        Assert.True(message.ForceRefresh);
        Assert.Equal(CollectionReasons.Retry, message.Reason);
        Assert.Equal(2, message.Tier);
        Assert.InRange(delay, 0, 300);
    }
}
