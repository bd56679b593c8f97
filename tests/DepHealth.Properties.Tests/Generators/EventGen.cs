using System.Text;
using CsCheck;

namespace DepHealth.Properties.Tests.Generators;

/// <summary>
/// API Gateway REST proxy events (payload 1.0) as JSON text: every member present, null or missing; headers with
/// duplicate names in different case, multi-value lists (empty, null items), oversized values; query strings;
/// percent-encoded path parameters; bodies plain or base64 (valid or not) with the flag right or wrong.
/// </summary>
public static class EventGen
{
    private static Gen<string> NullableString(Gen<string> gen) => Gen.Frequency((8, gen.Select(JsonText.String)), (1, Gen.Const("null")));

    /// <summary>A JSON object of single values with possibly repeated names (the same name in other case, or exactly).</summary>
    private static Gen<string> SingleMap(Gen<string> names, Gen<string> values) => Gen.Frequency(
        (6, Gen.Select(names, NullableString(values)).Array[0, 6].Select(pairs =>
            "{" + string.Join(",", pairs.Select(p => JsonText.String(p.Item1) + ":" + p.Item2)) + "}")),
        (1, Gen.Const("null")), (1, Gen.Const("{}")));

    private static Gen<string> MultiMap(Gen<string> names, Gen<string> values) => Gen.Frequency(
        (6, Gen.Select(names, NullableString(values).Array[0, 4]).Array[0, 5].Select(pairs =>
            "{" + string.Join(",", pairs.Select(p => JsonText.String(p.Item1) + ":[" + string.Join(",", p.Item2) + "]")) + "}")),
        (1, Gen.Select(names, n => "{" + JsonText.String(n) + ":null}")),
        (1, Gen.Const("null")));

    private static readonly Gen<string> HeaderNames = Gen.OneOf("X-API-Key", "x-api-key", "X-Api-Key", "Content-Type", "content-type",
        "CONTENT-TYPE", "Content-Length", "If-None-Match", "Origin", "Host", "X-Forwarded-For", "");

    private static readonly Gen<string> HeaderValues = Gen.Frequency(
        (4, Gen.OneOf(RequestGen.Key, "pw_wrong", "application/json", "text/plain", "", "12", "-3", "99999999999999999999999",
            "https://app.example.org", "\"abc\"", "application/json, text/plain")),
        (1, Gen.Select(Gen.Int[8_000, 20_000], n => new string('k', n))),
        (1, Gen.String[0, 30]));

    private static readonly Gen<string> QueryNames = Gen.OneOf("fields", "FIELDS", "x", "", "fields ");
    private static readonly Gen<string> QueryValues = Gen.Frequency(
        (3, Gen.OneOf("package", "package,health_score", "bogus", "", ",,,", "signals,signals")), (1, Gen.String[0, 30]));

    private static readonly Gen<string> Bodies = Gen.OneOf(
        RequestGen.ScanBodies.Select(b => (JsonText.String(Encoding.UTF8.GetString(b)), false)),
        RequestGen.ScanBodies.Select(b => (JsonText.String(Convert.ToBase64String(b)), true)),
        Gen.OneOf("\"not base64!\"", "\"====\"", "\"YQ\"", "\"YQ==\"", "\"\"", "\"e30=\"", "\"%%%\"", "\"\\u00ff\\u00fe\"").Select(s => (s, true)),
        Gen.Const(("null", false)), Gen.Const(("null", true)))
        .SelectMany(b => Gen.Frequency((9, Gen.Const(b.Item2)), (1, Gen.Bool)).Select(flag => $"\"body\":{b.Item1},\"isBase64Encoded\":{(flag ? "true" : "false")}"));

    private static readonly Gen<string> PathParameters = Gen.Frequency(
        (4, Gen.Select(Gen.OneOf("npm", "pypi", "NPM", "", "x"), Gen.OneOf(NameGen.AnyEcosystem, NameGen.PercentEncoded(NameGen.AnyEcosystem)),
            (e, n) => $"{{\"ecosystem\":{JsonText.String(e)},\"name\":{JsonText.String(n)}}}")),
        (1, Gen.OneOf("null", "{}", "{\"ecosystem\":\"npm\"}", "{\"ecosystem\":\"npm\",\"name\":null}", "{\"proxy\":\"packages/npm/x\"}")));

    private static readonly Gen<string> Contexts = Gen.OneOf(
        Gen.Select(Gen.OneOf("GET", "POST", "HEAD", ""), Gen.OneOf("203.0.113.9", "", "::1", "x"), (m, ip) =>
            $"{{\"requestId\":\"r-1\",\"stage\":\"prod\",\"httpMethod\":\"{m}\",\"identity\":{{\"sourceIp\":\"{ip}\"}}}}"),
        Gen.OneOf("null", "{}", "{\"identity\":null}"));

    /// <summary>Whole events.</summary>
    public static readonly Gen<string> Events =
        Gen.Select(NullableString(RequestGen.Methods), NullableString(RequestGen.Paths), SingleMap(HeaderNames, HeaderValues),
            MultiMap(HeaderNames, HeaderValues), SingleMap(QueryNames, QueryValues), MultiMap(QueryNames, QueryValues),
            PathParameters, Gen.Select(Contexts, Bodies),
            (method, path, headers, multiHeaders, query, multiQuery, pathParameters, rest) =>
                $"{{\"resource\":\"/v1/packages/{{ecosystem}}/{{name}}\",\"httpMethod\":{method},\"path\":{path},\"headers\":{headers}," +
                $"\"multiValueHeaders\":{multiHeaders},\"queryStringParameters\":{query},\"multiValueQueryStringParameters\":{multiQuery}," +
                $"\"pathParameters\":{pathParameters},\"stageVariables\":null,\"requestContext\":{rest.Item1},{rest.Item2}}}");

    /// <summary>One event with the given members (JSON text for the maps).</summary>
    public static string Event(string method, string path, string pathParameters = "null", string headers = "null") =>
        $"{{\"resource\":\"/v1/packages/{{ecosystem}}/{{name}}\",\"httpMethod\":\"{method}\",\"path\":{JsonText.String(path)},\"headers\":{headers}," +
        $"\"multiValueHeaders\":null,\"queryStringParameters\":null,\"multiValueQueryStringParameters\":null,\"pathParameters\":{pathParameters}," +
        "\"requestContext\":{\"requestId\":\"r-1\",\"identity\":{\"sourceIp\":\"203.0.113.9\"}},\"body\":null,\"isBase64Encoded\":false}";
}
