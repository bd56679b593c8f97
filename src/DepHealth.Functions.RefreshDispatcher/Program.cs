using DepHealth.Lambda.Collection;
using DepHealth.Lambda.Runtime;

// EventBridge schedules, one per refresh tier ({"tier":1|2|3}): queues the tier's due packages with jittered delays.
return await LambdaBootstrap.RunAsync(() => CollectionFunctions.RefreshFromEnvironment());
