namespace DepHealth.Emulator.Upstream.Hosting;

/// <summary>One emulated upstream's routes: turns a request into the response the real service would give.</summary>
public interface IUpstreamApi
{
    UpstreamKind Kind { get; }

    /// <summary>The package (or <c>owner/repo</c>) a request is about, for per-package fault rules and the log; null if none.</summary>
    string? SubjectOf(UpstreamRequest request);

    UpstreamResponse Handle(UpstreamRequest request);
}
