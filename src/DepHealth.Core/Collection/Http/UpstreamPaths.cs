namespace DepHealth.Core.Collection.Http;

/// <summary>Builds upstream URLs with an encoder only: every caller-supplied segment is escaped.</summary>
public static class UpstreamPaths
{
    /// <summary>deps.dev: the whole name is one segment (<c>@babel/core</c> → <c>%40babel%2Fcore</c>).</summary>
    public static string DepsDevName(string name) => Uri.EscapeDataString(name);

    /// <summary>npm registry: the scope's <c>@</c> stays, the slash is encoded (<c>@babel%2Fcore</c>).</summary>
    public static string NpmRegistryName(string name)
    {
        if (name.StartsWith('@') && name.IndexOf('/') is > 1 and var slash)
            return "@" + Uri.EscapeDataString(name[1..slash]) + "%2F" + Uri.EscapeDataString(name[(slash + 1)..]);
        return Uri.EscapeDataString(name);
    }

    /// <summary>npm downloads API: a scoped name is two path segments (<c>@babel/core</c>), each escaped.</summary>
    public static string NpmDownloadsName(string name)
    {
        if (name.StartsWith('@') && name.IndexOf('/') is > 1 and var slash)
            return "@" + Uri.EscapeDataString(name[1..slash]) + "/" + Uri.EscapeDataString(name[(slash + 1)..]);
        return Uri.EscapeDataString(name);
    }

    /// <summary>Resolves a relative, already-encoded path against a base URL that ends with '/'.</summary>
    public static Uri Combine(Uri baseUrl, string relativeEncoded)
    {
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl.AbsoluteUri : baseUrl.AbsoluteUri + "/";
        // Uri(string) keeps %2F as is; concatenation never lets a segment change the host.
        return new Uri(root + relativeEncoded.TrimStart('/'), UriKind.Absolute);
    }
}
