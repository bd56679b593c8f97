namespace DepHealth.Core.Manifests.Npm;

/// <summary>
/// What an npm dependency specifier points at: a registry package (possibly under an <c>npm:</c> alias, in which
/// case <see cref="RealName"/> is the aliased package) or something else, with the reason it is not scanned.
/// </summary>
internal readonly record struct NpmSpecifier(bool IsRegistry, string? RealName, string Range, string? SkipReason)
{
    public static NpmSpecifier Registry(string range, string? realName = null) => new(true, realName, range, null);

    public static NpmSpecifier NotRegistry(string range, string reason) => new(false, null, range, reason);

    /// <summary>Classifies the value of a package.json dependency (or the range of a yarn.lock key).</summary>
    public static NpmSpecifier Classify(string spec)
    {
        var s = spec.Trim();
        if (s.StartsWith("npm:", StringComparison.OrdinalIgnoreCase))
        {
            var target = s[4..];
            var (name, range) = SplitNameAndRange(target);
            return name.Length == 0
                ? NotRegistry(s, "npm: alias without a package name")
                : Registry(range, name);
        }

        var reason = NonRegistryReason(s);
        return reason is null ? Registry(s) : NotRegistry(s, reason);
    }

    /// <summary>Null for a registry range (semver range, tag, empty or "*"), otherwise why the specifier is not a registry package.</summary>
    public static string? NonRegistryReason(string s)
    {
        var colon = s.IndexOf(':');
        if (colon > 0)
        {
            var protocol = s[..colon].ToLowerInvariant();
            switch (protocol)
            {
                case "file": return "local path (file:)";
                case "link": return "local link (link:)";
                case "portal": return "local path (portal:)";
                case "workspace": return "workspace package (workspace:)";
                case "catalog": return "pnpm catalog reference (catalog:), resolved only by pnpm";
                case "patch": return "patched package (patch:)";
                case "exec": return "generated package (exec:)";
                case "github": case "gitlab": case "bitbucket": case "gist":
                    return $"git dependency ({protocol}:)";
                case "http": case "https":
                    return "URL dependency (tarball or git over HTTP)";
            }
            if (protocol.StartsWith("git", StringComparison.Ordinal))
                return "git dependency";
        }

        // "~1.2.3" is a tilde range; "~/dir" is a path.
        if (s.StartsWith("./", StringComparison.Ordinal) || s.StartsWith("../", StringComparison.Ordinal) || s == "." || s == ".." ||
            s.StartsWith('/') || s.StartsWith("~/", StringComparison.Ordinal) || (s.Length > 2 && s[1] == ':' && s[2] is '\\' or '/' && char.IsAsciiLetter(s[0])))
            return "local path";
        if (s.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase))
            return "local tarball";
        // npm treats "user/repo" and "user/repo#ref" as GitHub shorthand; semver ranges never contain '/'.
        if (s.Contains('/'))
            return "git dependency (GitHub shorthand)";
        return null;
    }

    /// <summary>Splits "name@range" or "@scope/name@range": the '@' that separates is the first one after position 0.</summary>
    public static (string Name, string Range) SplitNameAndRange(string text)
    {
        var at = text.Length > 1 ? text.IndexOf('@', 1) : -1;
        return at < 0 ? (text, "") : (text[..at], text[(at + 1)..]);
    }
}
