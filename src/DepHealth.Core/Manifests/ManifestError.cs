namespace DepHealth.Core.Manifests;

/// <summary>Why a manifest could not be read: a stable <see cref="Code"/> (see <see cref="ManifestErrorCodes"/>) and a message for people.</summary>
public sealed record ManifestError(string Code, string Message);

/// <summary>The error codes a manifest can fail with; the API returns them as 400 <c>{"error":{"code","message"}}</c>.</summary>
public static class ManifestErrorCodes
{
    /// <summary>Neither the file name nor the content identifies a supported manifest format.</summary>
    public const string UnsupportedFormat = "unsupported_manifest";

    /// <summary>The format is known but the content does not parse as that format (syntax error, wrong shape, binary).</summary>
    public const string Invalid = "invalid_manifest";
}

/// <summary>The one exception <see cref="ManifestParser.Parse(string?, string)"/> throws, carrying a <see cref="ManifestError"/>.</summary>
public sealed class ManifestParseException(ManifestError error, Exception? inner = null)
    : Exception(error.Message, inner)
{
    public ManifestError Error { get; } = error;

    public string Code => Error.Code;

    internal static ManifestParseException Invalid(ManifestFormat format, string detail, Exception? inner = null) =>
        new(new ManifestError(ManifestErrorCodes.Invalid, $"Invalid {format.DisplayName()}: {detail}"), inner);
}
