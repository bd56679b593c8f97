namespace DepHealth.Collection.Tests.Faults;

/// <summary>One HTTP attempt as the client sent it: the URL and the fake time it left at.</summary>
public sealed record Attempt(Uri Url, DateTimeOffset SentAt);

/// <summary>
/// Sits between the collectors' resilience pipelines and the socket handler, recording every attempt on fake
/// time: the gaps between attempts of one URL are the retry delays the pipeline chose.
/// </summary>
public sealed class AttemptRecorder(TimeProvider time) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    private readonly List<Attempt> _attempts = [];

    public IReadOnlyList<Attempt> Attempts
    {
        get { lock (_attempts) return [.. _attempts]; }
    }

    public void Clear()
    {
        lock (_attempts)
            _attempts.Clear();
    }

    /// <summary>The delays between consecutive attempts of each URL.</summary>
    public IReadOnlyList<TimeSpan> RetryGaps() =>
        [.. Attempts.GroupBy(a => a.Url.AbsoluteUri)
            .SelectMany(g => g.OrderBy(a => a.SentAt).Zip(g.OrderBy(a => a.SentAt).Skip(1), (a, b) => b.SentAt - a.SentAt))];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_attempts)
            _attempts.Add(new Attempt(request.RequestUri!, time.GetUtcNow()));
        return base.SendAsync(request, cancellationToken);
    }
}
