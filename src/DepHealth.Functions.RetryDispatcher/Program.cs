using DepHealth.Lambda.Collection;
using DepHealth.Lambda.Runtime;

// EventBridge every 15 minutes: re-queues incomplete records whose retry time has come (at most 5 retries each).
return await LambdaBootstrap.RunAsync(() => CollectionFunctions.RetryFromEnvironment());
