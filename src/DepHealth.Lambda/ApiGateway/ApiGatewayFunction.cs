using DepHealth.Core.Api;
using DepHealth.Core.Auth;
using DepHealth.Core.Storage;
using DepHealth.Lambda.Runtime;

namespace DepHealth.Lambda.ApiGateway;

/// <summary>Makes a Lambda function of Core's API application: the API Gateway adapter plus its after-response work.</summary>
public static class ApiGatewayFunction
{
    public static LambdaFunction Create(ApiApplication application) =>
        new(new ApiGatewayHandler(application.Handler), application.AfterResponse);

    /// <summary>
    /// The API application on DynamoDB, configured from the environment (ApiOptionsEnvironment, DynamoDbSettings).
    /// Constructing it makes no call: the DynamoDB client is created on first use.
    /// </summary>
    public static LambdaFunction FromEnvironment()
    {
        var options = ApiOptionsEnvironment.Read();
        var clients = new DynamoDbClientProvider(DynamoDbSettings.FromEnvironment());
        return Create(ApiApplication.Create(options, new DynamoPackageStore(clients), new ApiKeyValidator(clients),
            new UsageMeter(clients), new DemoLimiter(clients)));
    }
}
