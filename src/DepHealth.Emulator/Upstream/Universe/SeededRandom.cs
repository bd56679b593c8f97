namespace DepHealth.Emulator.Upstream.Universe;

/// <summary>SplitMix64 stream keyed by (seed, text): each package gets its own stream, so adding a package never shifts another's values.</summary>
public sealed class SeededRandom
{
    private ulong _state;

    public SeededRandom(int seed, string key)
    {
        // FNV-1a over the key, mixed with the seed: stable across processes and .NET versions (string.GetHashCode is not).
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        _state = hash ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public int Next(int min, int max) => max <= min ? min : min + (int)(NextUInt64() % (ulong)(max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Log-uniform in [min, max]: most values small, a long tail of large ones (downloads, stars).</summary>
    public long LogUniform(double min, double max) => (long)Math.Round(Math.Exp(Math.Log(min) + NextDouble() * (Math.Log(max) - Math.Log(min))));

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    public string Hex(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = "0123456789abcdef"[(int)(NextUInt64() & 15)];
        return new string(chars);
    }
}
