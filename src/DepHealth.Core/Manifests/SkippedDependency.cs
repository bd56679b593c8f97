namespace DepHealth.Core.Manifests;

/// <summary>
/// A manifest entry that is not a registry package (local path, git, URL, workspace, unfollowed include)
/// or whose name is invalid: <see cref="Name"/> as written (or the entry's text), and why it was skipped.
/// </summary>
public sealed record SkippedDependency(string Name, string Reason, string Spec = "");
