using DepHealth.Lambda.ApiGateway;
using DepHealth.Lambda.Runtime;

// POST /v1/scan behind API Gateway. Init builds the API application from the environment (its DynamoDB client
// is created on first use); the loop runs the usage flush after each response.
return await LambdaBootstrap.RunAsync(() => ApiGatewayFunction.FromEnvironment());
