using DepHealth.Core.Auth;
using DepHealth.Core.Collection;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Api;

/// <summary>What the handlers depend on, handed over once by the composition root.</summary>
public sealed record ApiServices(
    ApiOptions Options,
    IPackageStore Store,
    IApiKeyValidator Keys,
    IUsageMeter Usage,
    IDemoLimiter Demo,
    ICollectionQueue? Queue,
    TimeProvider Time);
