using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DepHealth.Testing;

namespace DepHealth.Load;

/// <summary>The kinds of request the load sends, each with the one status it must get.</summary>
public enum RequestKind
{
    GetHit,
    GetMiss,
    Scan,
    BadName,
    BadEcosystem,
    BadJson,
    NoKey,
}

/// <summary>
/// Builds the mixed load from the repository's sample packages: GET hits (55 %), GET misses of valid but unknown
/// names (15 %), 20-name scans with hits and misses (10 %), and bad requests answered 400/401 (20 %).
/// </summary>
public sealed class RequestMix
{
    private static readonly (RequestKind Kind, int Weight)[] Weights =
    [
        (RequestKind.GetHit, 55), (RequestKind.GetMiss, 15), (RequestKind.Scan, 10),
        (RequestKind.BadName, 5), (RequestKind.BadEcosystem, 5), (RequestKind.BadJson, 5), (RequestKind.NoKey, 5),
    ];

    private readonly (string Ecosystem, string Name)[] _known;
    private readonly string[] _npmKnown;
    private int _missSequence;

    public RequestMix()
    {
        _known = File.ReadLines(Path.Combine(RepoPaths.Root, "data", "sample-packages.jsonl"))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l =>
            {
                using var doc = JsonDocument.Parse(l);
                return (doc.RootElement.GetProperty("ecosystem").GetString()!, doc.RootElement.GetProperty("name").GetString()!);
            })
            .ToArray();
        _npmKnown = _known.Where(k => k.Ecosystem == "npm").Select(k => k.Name).ToArray();
    }

    public static int ExpectedStatus(RequestKind kind) => kind switch
    {
        RequestKind.GetHit or RequestKind.Scan => 200,
        RequestKind.GetMiss => 404,
        RequestKind.BadName or RequestKind.BadEcosystem or RequestKind.BadJson => 400,
        RequestKind.NoKey => 401,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public RequestKind Pick(Random random)
    {
        var roll = random.Next(100);
        foreach (var (kind, weight) in Weights)
        {
            if (roll < weight)
                return kind;
            roll -= weight;
        }
        return RequestKind.GetHit;
    }

    public HttpRequestMessage Build(RequestKind kind, Random random, string key)
    {
        switch (kind)
        {
            case RequestKind.GetHit:
                var (eco, name) = _known[random.Next(_known.Length)];
                return Get($"/v1/packages/{eco}/{Uri.EscapeDataString(name)}", key);
            case RequestKind.GetMiss:
                // Never the same unknown name twice: the server may collect it in the background and know it later.
                return Get($"/v1/packages/npm/load-miss-{Interlocked.Increment(ref _missSequence)}", key);
            case RequestKind.BadName:
                return Get("/v1/packages/npm/..%2Fetc%2Fpasswd", key);
            case RequestKind.BadEcosystem:
                return Get("/v1/packages/cargo/serde", key);
            case RequestKind.Scan:
                var names = Enumerable.Range(0, 15).Select(_ => _npmKnown[random.Next(_npmKnown.Length)])
                    .Concat(Enumerable.Range(0, 5).Select(_ => $"load-scan-miss-{Interlocked.Increment(ref _missSequence)}"));
                return Post(key, "{\"dependencies\":[" + string.Join(",", names.Select(n => $"\"{n}\"")) + "]}");
            case RequestKind.BadJson:
                return Post(key, "{\"dependencies\": [not json");
            case RequestKind.NoKey:
                return Post(null, "{\"dependencies\":[\"lodash\"]}");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static HttpRequestMessage Get(string path, string key) =>
        new(HttpMethod.Get, path) { Headers = { { "X-API-Key", key } } };

    private static HttpRequestMessage Post(string? key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/scan")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (key is not null)
            request.Headers.Add("X-API-Key", key);
        return request;
    }
}
