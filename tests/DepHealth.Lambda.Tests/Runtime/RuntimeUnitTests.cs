using System.Text.Json;
using DepHealth.Lambda.Json;
using DepHealth.Lambda.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace DepHealth.Lambda.Tests.Runtime;

public class DeadlineCancellationTests
{
    [Fact]
    public void Fires_at_the_deadline_minus_the_margin_and_not_before()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var deadline = time.GetUtcNow().AddSeconds(3);

        using var cts = DeadlineCancellation.Create(deadline, TimeSpan.FromMilliseconds(500), time);

        time.Advance(TimeSpan.FromMilliseconds(2499));
        Assert.False(cts.IsCancellationRequested);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(cts.IsCancellationRequested);
    }

    [Fact]
    public void A_deadline_already_inside_the_margin_is_cancelled_at_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

        using var cts = DeadlineCancellation.Create(time.GetUtcNow().AddMilliseconds(100), TimeSpan.FromMilliseconds(500), time);

        Assert.True(cts.IsCancellationRequested);
    }

    [Fact]
    public void Remaining_time_follows_the_injected_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var context = new InvocationContext("r", time.GetUtcNow().AddSeconds(10), null, null, time);

        time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(TimeSpan.FromSeconds(6), context.RemainingTime);
    }
}

public class LambdaRuntimeOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_out_of_range_values_are_refused()
    {
        var options = new LambdaRuntimeOptions();

        Assert.Equal(TimeSpan.FromMilliseconds(500), options.DeadlineMargin);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.DeadlineMargin = TimeSpan.FromMilliseconds(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.DeadlineMargin = TimeSpan.FromMinutes(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.AfterResponseTimeout = TimeSpan.Zero);
    }
}

public class LambdaErrorFormatterTests
{
    private static Exception Thrown()
    {
        try
        {
            try
            {
                throw new FormatException("inner cause");
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException("outer failure", e);
            }
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }

    [Fact]
    public void Error_document_has_message_type_and_stack_frames_with_inner_exceptions()
    {
        var error = LambdaErrorFormatter.FromException(Thrown());

        using var doc = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(error, LambdaJsonContext.Default.LambdaError));
        var root = doc.RootElement;
        Assert.Equal("outer failure", root.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", root.GetProperty("errorType").GetString());
        var frames = root.GetProperty("stackTrace").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Contains(frames, f => f.Contains(nameof(Thrown)));
        Assert.Contains("--- inner FormatException: inner cause", frames);
    }

    [Fact]
    public void Cancellation_at_the_deadline_is_reported_as_a_deadline_error()
    {
        var error = LambdaErrorFormatter.FromException(new TaskCanceledException(), deadlineExpired: true);

        Assert.Equal(LambdaErrorFormatter.TimeoutErrorType, error.ErrorType);
    }

    [Fact]
    public void An_exception_never_thrown_has_no_stack_trace_field()
    {
        var json = JsonSerializer.Serialize(LambdaErrorFormatter.FromException(new ArgumentException("bad")),
            LambdaJsonContext.Default.LambdaError);

        Assert.Equal("""{"errorMessage":"bad","errorType":"ArgumentException"}""", json);
    }
}
