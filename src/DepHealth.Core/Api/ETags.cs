using System.Security.Cryptography;

namespace DepHealth.Core.Api;

/// <summary>Strong ETags over body bytes and the <c>If-None-Match</c> check (RFC 9110 §13.1.2, weak comparison).</summary>
public static class ETags
{
    /// <summary><c>"&lt;32 hex&gt;"</c>: the first 128 bits of SHA-256 of <paramref name="body"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return string.Create(34, hash[..16].ToArray(), static (chars, bytes) =>
        {
            chars[0] = '"';
            Convert.TryToHexStringLower(bytes, chars[1..33], out _);
            chars[33] = '"';
        });
    }

    /// <summary>True when <paramref name="ifNoneMatch"/> lists <paramref name="etag"/> (weak or strong) or is <c>*</c>.</summary>
    public static bool Matches(string? ifNoneMatch, string etag)
    {
        if (string.IsNullOrEmpty(ifNoneMatch))
            return false;
        var rest = ifNoneMatch.AsSpan();
        while (!rest.IsEmpty)
        {
            var comma = rest.IndexOf(',');
            var item = (comma < 0 ? rest : rest[..comma]).Trim();
            rest = comma < 0 ? [] : rest[(comma + 1)..];
            if (item.SequenceEqual("*"))
                return true;
            if (item.StartsWith("W/"))
                item = item[2..];
            if (item.SequenceEqual(etag))
                return true;
        }
        return false;
    }
}
