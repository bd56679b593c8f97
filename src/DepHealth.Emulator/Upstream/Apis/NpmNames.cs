using DepHealth.Emulator.Upstream.Hosting;

namespace DepHealth.Emulator.Upstream.Apis;

/// <summary>Reads an npm package name off the front of a path: <c>chalk</c>, <c>@scope%2Fname</c> (one segment) or <c>@scope/name</c>.</summary>
internal static class NpmNames
{
    public static (string? Name, IReadOnlyList<string> Remainder) Split(IReadOnlyList<string> segments)
    {
        if (segments.Count == 0)
            return (null, []);
        var first = segments[0];
        if (first.StartsWith('@') && !first.Contains('/'))
            return segments.Count >= 2 ? (first + "/" + segments[1], segments.Skip(2).ToArray()) : (null, []);
        return (first, segments.Skip(1).ToArray());
    }
}
