using DepHealth.Core.Auth;

namespace DepHealth.Core.Api;

/// <summary>After each response: persist the quota increments admitted from memory.</summary>
public sealed class UsageFlushWork(IUsageMeter meter) : IAfterResponseWork
{
    public ValueTask RunAfterResponseAsync(CancellationToken cancellationToken = default) => meter.FlushAsync(cancellationToken);
}
