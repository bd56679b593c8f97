namespace DepHealth.Core.Api;

/// <summary>Serves one route family; hosts (Lambda, Kestrel) only translate requests and responses.</summary>
public interface IApiHandler
{
    ValueTask<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Work a host runs after the response has been sent (the usage flush), before taking the next request.</summary>
public interface IAfterResponseWork
{
    ValueTask RunAfterResponseAsync(CancellationToken cancellationToken = default);
}
