using System.Text.Json;

namespace DepHealth.Emulator.Tests;

/// <summary>Flattens a JSON document to its key paths (<c>versions[].versionKey.name</c>; map-like objects as <c>{*}</c>) to compare shapes.</summary>
internal static class JsonShape
{
    public static SortedSet<string> Paths(JsonElement root, params string[] mapPaths)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        Walk(root, "", set, mapPaths);
        return set;
    }

    private static void Walk(JsonElement e, string path, SortedSet<string> set, string[] mapPaths)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var isMap = mapPaths.Contains(path);
                foreach (var p in e.EnumerateObject())
                {
                    var child = isMap ? path + "{*}" : (path.Length == 0 ? p.Name : path + "." + p.Name);
                    set.Add(child);
                    Walk(p.Value, child, set, mapPaths);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                    Walk(item, path + "[]", set, mapPaths);
                break;
        }
    }

    public static void AssertContains(IEnumerable<string> expected, SortedSet<string> actual, string what)
    {
        var missing = expected.Where(p => !actual.Contains(p)).ToArray();
        Assert.True(missing.Length == 0, $"{what}: missing {string.Join(", ", missing)}");
    }
}
