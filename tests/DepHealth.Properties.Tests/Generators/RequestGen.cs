using System.Text;
using CsCheck;
using DepHealth.Core.Api;
using DepHealth.Core.Packages;

namespace DepHealth.Properties.Tests.Generators;

/// <summary>
/// HTTP requests as the hosts hand them to the router (<see cref="ApiRequest"/>) and as API Gateway sends them
/// (REST proxy events): real and random paths, any method, headers with odd casing, duplicates and oversized
/// values, query strings, scan bodies and garbage bodies, base64 flags right and wrong.
/// </summary>
public static class RequestGen
{
    public const string Key = "pw_property_key";

    public static readonly Gen<string> Methods = Gen.Frequency(
        (6, Gen.OneOf("GET", "POST", "OPTIONS", "HEAD")),
        (2, Gen.OneOf("get", "Post", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT")),
        (1, Gen.OneOf("", " GET", "G\u0130T", "GET\n", "\u212aILL", "ＧＥＴ")),
        (1, Gen.String[0, 12]));

    private static readonly Gen<string> Ecosystems = Gen.Frequency(
        (6, Gen.OneOf("npm", "pypi")),
        (2, Gen.OneOf("NPM", "PyPI", "cargo", "", "npm%00", "%6Epm", "..", "npm\n", "n%2Fpm")),
        (1, Gen.String[0, 10]));

    /// <summary>Paths of every route, with names of all kinds (raw, encoded, broken), plus unknown and malformed paths.</summary>
    public static readonly Gen<string> Paths = Gen.Frequency(
        (8, Gen.Select(Gen.OneOf("/v1", "", "/v2", "/v1/v1"), Ecosystems, Gen.OneOf(NameGen.Any(Ecosystem.Npm), NameGen.Any(Ecosystem.PyPI)), Gen.Int[0, 3],
            (prefix, eco, name, style) => style switch
            {
                0 => $"{prefix}/packages/{eco}/{Uri.EscapeDataString(name)}",
                1 => $"{prefix}/packages/{eco}/{name}",
                2 => $"{prefix}/packages/{eco}/{name.Replace("/", "%2F")}",
                _ => $"{prefix}/packages/{eco}/{name}/",
            })),
        (3, Gen.OneOf("/v1/scan", "/scan", "/v1/usage", "/usage", "/v1/health", "/health")),
        (2, Gen.OneOf("/v1/packages", "/v1/packages/", "/v1/packages/npm", "/v1/packages/npm/", "/v1/packages//lodash",
            "/v1/packages/npm/lodash/extra", "/v1/scan/", "/V1/SCAN", "//v1/scan", "/v1/../v1/scan", "/v1/%73can", "/", "",
            "/v1/packages/npm/%", "/v1/packages/npm/%E0%A4%A", "/v1/packages/npm/%00", "/v1/packages/npm/%2e%2e%2f%2e%2e",
            "/v1/packages/%ff/x", "/v1/health?x=1", "/v1/health#f", "*", "/v1/packages/npm/" + new string('a', 10_000))),
        (1, Gen.String[0, 64]));

    private static readonly Gen<string> HeaderNames = Gen.Frequency(
        (5, Gen.OneOf("X-API-Key", "x-api-key", "X-Api-Key", "X-API-KEY", "Content-Type", "content-type", "Content-Length",
            "If-None-Match", "Origin", "Accept", "Transfer-Encoding", "Authorization", "X-Forwarded-For")),
        (1, Gen.String[0, 20]));

    private static readonly Gen<string> HeaderValues = Gen.Frequency(
        (4, Gen.OneOf(Key, "pw_unknown", "", "application/json", "application/json; charset=utf-8", "APPLICATION/JSON",
            "application/vnd.api+json", "text/plain", "application/jsonx", ";", "application/json;;;", "-1", "0", "99999999999999999999",
            "12", "5242881", "\"etag\"", "W/\"x\"", "*", "https://app.example.org", "null", "chunked", "\u0000", "é")),
        (1, Gen.Select(Gen.Int[1_000, 20_000], Gen.Char, (n, c) => new string(c, n))),
        (1, Gen.String[0, 40]));

    /// <summary>Headers as a host gives them (case-insensitive names, one value each); the key is present half the time.</summary>
    public static readonly Gen<Dictionary<string, string>> Headers =
        Gen.Select(Gen.Select(HeaderNames, HeaderValues).Array[0, 6], Gen.Bool, Gen.Bool, (pairs, withKey, json) =>
        {
            var h = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (withKey) h["X-API-Key"] = Key;
            if (json) h["Content-Type"] = "application/json";
            foreach (var (n, v) in pairs) h[n] = v;
            return h;
        });

    public static readonly Gen<Dictionary<string, string>> Query =
        Gen.Select(Gen.OneOf("fields", "Fields", "x", "", "fields[]").Select(Gen.Frequency(
                (3, Gen.OneOf("package,health_score", "", ",", "package,,", "bogus", "PACKAGE", " package ", "package,package",
                    string.Join(",", Enumerable.Repeat("signals", 300)))),
                (1, Gen.String[0, 40]))).Array[0, 3],
            pairs => pairs.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.Last().Item2, StringComparer.Ordinal));

    /// <summary>POST /v1/scan bodies: well-formed requests with hostile members, manifests as content, and JSON/byte garbage.</summary>
    public static readonly Gen<byte[]> ScanBodies = Gen.Frequency(
        (5, ScanJson().Select(n => Encoding.UTF8.GetBytes(n))),
        (2, ManifestGen.Any.Select(m => Encoding.UTF8.GetBytes("{\"content\":" + JsonText.String(m.Content) + "}"))),
        (2, Gen.OneOf(
            "", " ", "null", "[]", "{}", "\"x\"", "42", "{\"dependencies\":", "{\"dependencies\":{}}", "{\"dependencies\":[]}",
            "{\"content\":\"\\uFEFF\"}", "{\"content\":\"\\ud800\"}", "{\"dependencies\":[\"\\udc00x\"]}", "{\"dependencies\":{\"\\ud800\":\"1\"}}",
            "{\"ecosystem\":\"\\ud800\"}", "{\"content\":{\"dependencies\":{\"a\":\"1\"}}}", "{\"content\":123}", "{\"content\":null,\"dependencies\":[\"a\"]}",
            "{\"dependencies\":[\"a\"],\"dependencies\":[\"b\"]}", "\uFEFF{\"dependencies\":[\"a\"]}", "{\"dependencies\":[\"a\"]} trailing",
            new string('[', 10_000), "{\"dependencies\":" + new string('[', 100) + "\"a\"" + new string(']', 100) + "}")
            .Select(s => Encoding.UTF8.GetBytes(s))),
        (1, Gen.Byte.Array[0, 200]),
        (1, Gen.Byte.Array[0, 60].Select(b => Encoding.UTF8.GetBytes("{\"dependencies\":[\"").Concat(b).Concat("\"]}"u8.ToArray()).ToArray())));

    private static Gen<string> ScanJson()
    {
        var value = Gen.Frequency(
            (4, NameGen.AnyEcosystem.Select(JsonText.String)),
            (1, Gen.OneOf("null", "1", "true", "[]", "{}", "1e308", "-0", "\"\"")));
        var deps = Gen.OneOf(
            Gen.Select(NameGen.AnyEcosystem, ManifestGen.NpmSpec).Array[0, 30]
                .Select(a => "{" + string.Join(",", a.Select(p => JsonText.String(p.Item1) + ":" + JsonText.String(p.Item2))) + "}"),
            value.Array[0, 30].Select(a => "[" + string.Join(",", a) + "]"),
            value);
        return Gen.Select(Gen.Frequency((3, Gen.Const<string?>((string?)null)), (3, Gen.OneOf<string?>("npm", "pypi")), (1, Gen.OneOf<string?>("NPM", "", "cargo"))),
            deps.Null(0.3), deps.Null(0.6), ManifestGen.Any.Null(0.8),
            (eco, d, dev, manifest) =>
            {
                var members = new List<string>();
                if (eco is not null) members.Add("\"ecosystem\":" + JsonText.String(eco));
                if (d is not null) members.Add("\"dependencies\":" + d);
                if (dev is not null) members.Add("\"devDependencies\":" + dev);
                if (manifest is not null) members.Add("\"content\":" + JsonText.String(manifest.Content));
                return "{" + string.Join(",", members) + "}";
            });
    }

    /// <summary>Requests as a host hands them to the router.</summary>
    public static readonly Gen<ApiRequest> Requests =
        Gen.Select(Methods, Paths, Headers, Query, Gen.Frequency((3, Gen.Const(Array.Empty<byte>())), (2, ScanBodies)), Gen.OneOf<string?>("203.0.113.7", null, "", "::1", "not-an-ip"),
            (method, path, headers, query, body, ip) => new ApiRequest
            {
                Method = method, Path = path, Headers = headers, Query = query, Body = body, SourceIp = ip, RequestId = "property",
            });

    /// <summary>POST /v1/scan with a valid key and JSON content type, so that the body decides the answer.</summary>
    public static readonly Gen<ApiRequest> Scans = ScanBodies.Select(body => new ApiRequest
    {
        Method = "POST",
        Path = "/v1/scan",
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-API-Key"] = Key, ["Content-Type"] = "application/json" },
        Body = body,
        SourceIp = "203.0.113.7",
    });
}

/// <summary>JSON string literals written by hand, so that lone surrogates and control characters reach the server escaped.</summary>
public static class JsonText
{
    public static string String(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            if (c == '"') sb.Append("\\\"");
            else if (c == '\\') sb.Append("\\\\");
            else if (c is < ' ' or > '~') sb.Append("\\u").Append(((int)c).ToString("x4"));
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
