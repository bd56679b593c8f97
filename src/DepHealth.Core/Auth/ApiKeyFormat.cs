using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DepHealth.Core.Auth;

/// <summary>The API key format, <c>dh_</c> + 32 random bytes in base64url (46 characters), and its SHA-256 hash.</summary>
public static class ApiKeyFormat
{
    public const string Prefix = "dh_";
    public const int SecretBytes = 32;
    /// <summary>Base64url of 32 bytes without padding is 43 characters.</summary>
    public static readonly int Length = Prefix.Length + Base64Url.GetEncodedLength(SecretBytes);
    /// <summary>Characters kept for display; never enough to matter for guessing.</summary>
    public const int SuffixLength = 4;

    /// <summary>A new key from the OS's cryptographic random generator.</summary>
    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>Checks prefix, length and alphabet (and that it decodes to exactly 32 bytes) without any I/O.</summary>
    public static bool IsWellFormed(string? rawKey) =>
        rawKey is not null &&
        rawKey.Length == Length &&
        rawKey.StartsWith(Prefix, StringComparison.Ordinal) &&
        Base64Url.IsValid(rawKey.AsSpan(Prefix.Length), out var decoded) &&
        decoded == SecretBytes;

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes: the only form ever stored.</summary>
    public static string Hash(string rawKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(rawKey), hash);
        return Convert.ToHexStringLower(hash);
    }

    public static string SuffixOf(string rawKey) => rawKey[^SuffixLength..];
}
