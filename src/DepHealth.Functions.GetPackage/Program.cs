using DepHealth.Lambda.ApiGateway;
using DepHealth.Lambda.Runtime;

// GET /v1/packages/{ecosystem}/{name} behind API Gateway. Init builds Core's API application from the environment
// (DynamoDB and SQS clients are created on first use); misses are queued for collection when a queue URL is set;
// the loop runs the usage flush after each response.
return await LambdaBootstrap.RunAsync(() => ApiGatewayFunction.FromEnvironment());
