namespace DepHealth.Core.Api;

/// <summary>
/// The cancellation of one store step: the request's own token, or <see cref="ApiOptions.StoreTimeout"/> on the
/// injected clock, whichever comes first. A step cancelled by its budget counts as a store failure, not an abort.
/// </summary>
public sealed class StoreBudget : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    private StoreBudget(TimeSpan timeout, TimeProvider time, CancellationToken requestAborted)
    {
        _timeout = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _timeout.Token);
    }

    public static StoreBudget Start(ApiServices services, CancellationToken requestAborted) =>
        new(services.Options.StoreTimeout, services.Time, requestAborted);

    public CancellationToken Token => _linked.Token;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
