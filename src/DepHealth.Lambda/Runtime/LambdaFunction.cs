using DepHealth.Core.Api;

namespace DepHealth.Lambda.Runtime;

/// <summary>What a function's init phase produces: its handler and the work to run after each response.</summary>
public sealed record LambdaFunction(ILambdaHandler Handler, IAfterResponseWork? AfterResponse = null);
