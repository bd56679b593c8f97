namespace DepHealth.Core.Api;

/// <summary>Response headers with case-insensitive names; the dictionary an <see cref="ApiResponse"/> carries.</summary>
public sealed class ResponseHeaders : Dictionary<string, string>
{
    public ResponseHeaders() : base(8, StringComparer.OrdinalIgnoreCase)
    {
    }

    public ResponseHeaders Set(string name, string value)
    {
        this[name] = value;
        return this;
    }
}
