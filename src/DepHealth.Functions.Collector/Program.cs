using DepHealth.Lambda.Collection;
using DepHealth.Lambda.Runtime;

// The collection queue's consumer: each SQS batch is collected (bounded concurrency, 30-minute dedup unless
// force_refresh), scored and stored; the response lists exactly the messages to deliver again (batchItemFailures).
return await LambdaBootstrap.RunAsync(() => CollectionFunctions.CollectorFromEnvironment());
