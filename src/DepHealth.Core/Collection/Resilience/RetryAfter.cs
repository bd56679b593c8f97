using System.Net.Http.Headers;

namespace DepHealth.Core.Collection.Resilience;

/// <summary>Reads a response's Retry-After (delta seconds or an HTTP date) as a delay, capped.</summary>
public static class RetryAfter
{
    public static TimeSpan? Read(HttpResponseMessage? response, DateTimeOffset now, TimeSpan cap)
    {
        RetryConditionHeaderValue? header = response?.Headers.RetryAfter;
        TimeSpan? delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
        if (delay is null)
            return null;
        if (delay < TimeSpan.Zero)
            return TimeSpan.Zero;
        return delay > cap ? cap : delay;
    }
}
