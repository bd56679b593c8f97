using Amazon;
using Amazon.Runtime;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Http;

/// <summary>What every AWS SDK client of ours shares: the pooled handler, timeouts, endpoint and local credentials.</summary>
public static class AwsClientSetup
{
    /// <summary>Points <paramref name="config"/> at the pooled handler and at a local endpoint or an AWS region.</summary>
    public static TConfig Configure<TConfig>(TConfig config, string? serviceUrl, string region, TimeSpan timeout, int maxErrorRetry)
        where TConfig : ClientConfig
    {
        config.HttpClientFactory = SharedHttpClientFactory.Instance;
        config.Timeout = timeout;
        config.MaxErrorRetry = maxErrorRetry;
        if (serviceUrl is not null)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        return config;
    }

    /// <summary>
    /// Placeholder credentials for a local endpoint when none are exported (a local endpoint accepts any signature:
    /// developers need not export fake keys); null means the SDK's own credential chain.
    /// </summary>
    public static AWSCredentials? LocalCredentials(string? serviceUrl) =>
        serviceUrl is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"))
            ? new BasicAWSCredentials("local", "local")
            : null;
}
