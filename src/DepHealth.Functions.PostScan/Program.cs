using DepHealth.Lambda.ApiGateway;
using DepHealth.Lambda.Runtime;

// POST /v1/scan behind API Gateway. Init builds Core's API application from the environment (DynamoDB and SQS
// clients are created on first use); packages the scan did not find are queued for collection when a queue URL is
// set; the loop runs the usage flush after each response.
return await LambdaBootstrap.RunAsync(() => ApiGatewayFunction.FromEnvironment());
