using System.Text;

namespace DepHealth.Fuzz;

/// <summary>
/// AFL-style havoc mutations without coverage feedback: bit flips, interesting bytes, chunk deletion, duplication
/// and overwrite, splicing with another seed, and insertion of tokens that matter to the manifest grammars.
/// </summary>
public sealed class Mutator(Random random)
{
    private const int MaxLength = 64 * 1024;

    private static readonly byte[][] Tokens = new[]
    {
        "{", "}", "[", "]", "\"", "'", ":", ",", "\\", "\n", "\r\n", "\t", " ", "#", "@", "/", "=", "==", ">=", "~=", "^", "~", "*", ";",
        "[", "\\u0000", "\\ud800", "\\udc00", "\\u", "\uFEFF", "null", "true", "1e999", "-", "--", "-e ", "-r ", "--hash=sha256:",
        "npm:", "workspace:", "link:", "file:", "git+https://", "github:", "patch:", "catalog:", "https://x/-/x-1.0.0.tgz",
        "lockfileVersion", "lockfileVersion: '9.0'\n", "__metadata:\n", "# yarn lockfile v1\n", "packages:\n", "snapshots:\n",
        "importers:\n", "dependencies", "devDependencies", "optionalDependencies", "peerDependencies", "node_modules/",
        "[project]\n", "dependencies = [", "[tool.poetry.dependencies]\n", "[dependency-groups]\n", "{include-group = \"x\"}",
        "[packages]\n", "[[source]]\n", "\"\"\"", "'''", "&a ", "*a", "<<: *a", "!!str ", "? ", "- ", "---\n", "...\n", "%YAML 1.1\n",
        "{\"content\":", "\"dependencies\":", "\"ecosystem\":\"pypi\"", "\u212a", "\u0130", "\ud83d\ude00",
    }.Select(Encoding.UTF8.GetBytes).ToArray();

    private static readonly byte[] Interesting = [0, 1, 0x7f, 0x80, 0xff, 0xfe, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf4, (byte)'\n', (byte)'"', (byte)'\\'];

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> pool)
    {
        var data = new List<byte>(input);
        var rounds = 1 << random.Next(0, 4);
        for (var i = 0; i < rounds; i++)
            Apply(data, pool);
        return data.Count > MaxLength ? data.GetRange(0, MaxLength).ToArray() : data.ToArray();
    }

    private void Apply(List<byte> data, IReadOnlyList<byte[]> pool)
    {
        var at = data.Count == 0 ? 0 : random.Next(data.Count);
        switch (random.Next(10))
        {
            case 0 when data.Count > 0:
                data[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[at] = Interesting[random.Next(Interesting.Length)];
                break;
            case 2 when data.Count > 0:
                data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(32)));
                break;
            case 3 when data.Count > 0:
            {
                var length = Math.Min(data.Count - at, 1 + random.Next(64));
                data.InsertRange(random.Next(data.Count + 1), data.GetRange(at, length));
                break;
            }
            case 4 when data.Count > 1:
            {
                var from = random.Next(data.Count);
                var length = Math.Min(Math.Min(data.Count - from, data.Count - at), 1 + random.Next(16));
                for (var k = 0; k < length; k++)
                    data[at + k] = data[from + k];
                break;
            }
            case 5 when pool.Count > 0:
            {
                var other = pool[random.Next(pool.Count)];
                if (other.Length == 0)
                    break;
                var from = random.Next(other.Length);
                data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(256))).ToArray());
                break;
            }
            case 6 when data.Count > 0:
                data.RemoveRange(at, data.Count - at); // truncation
                break;
            case 7:
            {
                // Deep nesting: brackets of one kind repeated.
                var open = "[{(-"[random.Next(4)];
                data.InsertRange(at, Enumerable.Repeat((byte)open, 1 + random.Next(200)));
                break;
            }
            default:
                data.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                break;
        }
    }
}
