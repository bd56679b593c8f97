namespace DepHealth.Lambda.ApiGateway;

/// <summary>Percent-decoding for path values: '+' stays '+' (it means space only in form-encoded queries).</summary>
public static class PercentDecoding
{
    /// <summary>Decodes one path parameter value, including %2F to '/'.</summary>
    public static string Decode(string value) => value.Contains('%') ? Uri.UnescapeDataString(value) : value;

    /// <summary>Decodes a whole path but keeps %2F encoded, so decoding cannot add path segments (as Kestrel does).</summary>
    public static string DecodePath(string path)
    {
        if (!path.Contains('%'))
            return path;
        var parts = path.Split(["%2F", "%2f"], StringSplitOptions.None);
        for (var i = 0; i < parts.Length; i++)
            parts[i] = Uri.UnescapeDataString(parts[i]);
        return string.Join("%2F", parts);
    }
}
