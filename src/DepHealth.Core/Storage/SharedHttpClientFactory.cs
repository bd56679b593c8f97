using Amazon.Runtime;
using DepHealth.Core.Http;

namespace DepHealth.Core.Storage;

/// <summary>Makes the AWS SDK use the process-wide pooled handler instead of creating and caching its own.</summary>
public sealed class SharedHttpClientFactory : HttpClientFactory
{
    /// <summary>The one instance: it holds no state.</summary>
    public static SharedHttpClientFactory Instance { get; } = new();

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(SharedHttpHandler.Instance, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(10) };

    // The handler is already shared; the SDK's own cache would only add a second layer keyed by config.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
