using System.Text.Json;
using DepHealth.Core.Collection.Dispatch;
using DepHealth.Core.Json;
using DepHealth.Lambda.Runtime;

namespace DepHealth.Lambda.Scheduled;

/// <summary>
/// A dispatcher behind an EventBridge schedule: event → <see cref="ScheduleInput"/> → dispatch → its report as the
/// response and one log line. A dispatch that throws fails the invocation (EventBridge retries it).
/// </summary>
public sealed class ScheduledHandler(Func<ScheduleInput, CancellationToken, Task<DispatchReport>> dispatch, TextWriter? log = null)
    : ILambdaHandler
{
    private readonly TextWriter _log = log ?? Console.Error;

    public async ValueTask<ReadOnlyMemory<byte>> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        var input = ScheduleInput.Parse(invocation.Payload.Span);
        var report = await dispatch(input, cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.SerializeToUtf8Bytes(report, DepHealthJsonContext.Default.DispatchReport);
        _log.WriteLine(System.Text.Encoding.UTF8.GetString(json));
        return json;
    }
}
