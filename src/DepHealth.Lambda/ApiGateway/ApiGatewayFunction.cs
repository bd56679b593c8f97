using DepHealth.Core.Api;
using DepHealth.Core.Collection;
using DepHealth.Lambda.Collection;
using DepHealth.Lambda.Runtime;

namespace DepHealth.Lambda.ApiGateway;

/// <summary>Makes a Lambda function of Core's API application: the API Gateway adapter plus its after-response work.</summary>
public static class ApiGatewayFunction
{
    public static LambdaFunction Create(ApiApplication application) =>
        new(new ApiGatewayHandler(application.Handler), application.AfterResponse);

    /// <summary>
    /// Core's <see cref="ApiApplication.FromEnvironment"/> (DynamoDB store, keys, usage, demo limiter), queueing
    /// GET and scan misses for collection on SQS when a queue URL is configured. Constructing it makes no call:
    /// the DynamoDB and SQS clients are created on first use.
    /// </summary>
    public static LambdaFunction FromEnvironment(ICollectionQueue? queue = null) =>
        Create(ApiApplication.FromEnvironment(queue: queue ?? CollectionFunctions.QueueFromEnvironment()));
}
