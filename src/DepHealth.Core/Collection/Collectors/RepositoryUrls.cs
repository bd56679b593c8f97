using System.Text.RegularExpressions;

namespace DepHealth.Core.Collection.Collectors;

/// <summary>A GitHub repository identified by owner and name, both validated (<c>[A-Za-z0-9-_.]</c>).</summary>
public sealed record GitHubRepository(string Owner, string Name)
{
    /// <summary>The deps.dev project id, <c>github.com/owner/name</c> (deps.dev ids are lower case).</summary>
    public string DepsDevProjectId => $"github.com/{Owner}/{Name}".ToLowerInvariant();

    public string CanonicalUrl => $"https://github.com/{Owner}/{Name}";
}

/// <summary>
/// Repository URL cleaning (reference §4.5, without the original's global ".git" replace) and GitHub URL
/// parsing (§4.8), strict about the host: only github.com counts; any other host, an IP, localhost,
/// user-info tricks or an odd scheme give null, so such a URL is never fetched.
/// </summary>
public static partial class RepositoryUrls
{
    // \z, not $: $ also matches before a trailing newline, which would let "repo\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,100}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();

    [GeneratedRegex(@"^(?:github:)?([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shorthand();

    [GeneratedRegex(@"^(?:github\.com|gitlab\.com|bitbucket\.org)/[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ProjectIdShape();

    /// <summary>
    /// A deps.dev project id we are willing to ask about: <c>{github.com|gitlab.com|bitbucket.org}/owner/name</c>.
    /// Ids come from upstream data; anything else (an address, a path, 100 KB of text) is not sent anywhere.
    /// </summary>
    public static bool IsProjectId(string? id) =>
        id is { Length: <= 220 } && ProjectIdShape().IsMatch(id) && !id.Split('/').Any(s => s is "." or "..");

    /// <summary><c>git+https://…/x.git</c> → <c>https://…/x</c>; <c>git://</c> → <c>https://</c>; npm's <c>user/repo</c> shorthand → GitHub.</summary>
    public static string? Clean(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return null;
        var s = url.Trim();
        if (Shorthand().Match(s) is { Success: true } m && !s.Contains("://", StringComparison.Ordinal))
            return $"https://github.com/{m.Groups[1].Value}/{m.Groups[2].Value}";
        if (s.StartsWith("git+", StringComparison.OrdinalIgnoreCase))
            s = s[4..];
        if (s.StartsWith("git://", StringComparison.OrdinalIgnoreCase))
            s = "https://" + s[6..];
        s = s.TrimEnd('/');
        if (s.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            s = s[..^4];
        return s.Length == 0 ? null : s;
    }

    /// <summary>Owner and repository of a GitHub URL, or null when it is not a plain github.com repository URL.</summary>
    public static GitHubRepository? ParseGitHub(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return null;
        var s = url.Trim();
        if (s.StartsWith("git+", StringComparison.OrdinalIgnoreCase))
            s = s[4..];
        if (s.StartsWith("git@github.com:", StringComparison.OrdinalIgnoreCase))
            s = "https://github.com/" + s["git@github.com:".Length..];
        else if (s.StartsWith("github.com/", StringComparison.OrdinalIgnoreCase) || s.StartsWith("www.github.com/", StringComparison.OrdinalIgnoreCase))
            s = "https://" + s;
        else if (s.StartsWith("github:", StringComparison.OrdinalIgnoreCase) && !s.Contains("://", StringComparison.Ordinal))
            s = "https://github.com/" + s["github:".Length..];

        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri))
            return null;
        if (uri.Scheme is not ("https" or "http" or "git" or "ssh" or "git+ssh"))
            return null;
        if (!string.IsNullOrEmpty(uri.UserInfo) && uri.UserInfo != "git")
            return null;
        if (!uri.IsDefaultPort && uri.Scheme is "https" or "http")
            return null;
        var host = uri.IdnHost.ToLowerInvariant();
        if (host is not ("github.com" or "www.github.com"))
            return null;

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
            return null;
        var owner = Uri.UnescapeDataString(segments[0]);
        var name = Uri.UnescapeDataString(segments[1]);
        if (name.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            name = name[..^4];
        if (!Segment().IsMatch(owner) || !Segment().IsMatch(name) || name is "." or ".." || owner is "." or "..")
            return null;
        return new GitHubRepository(owner, name);
    }
}
