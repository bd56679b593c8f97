using System.Text;
using DepHealth.Core.Api;
using DepHealth.Core.Manifests;

namespace DepHealth.Fuzz;

/// <summary>One fuzz target: a name, the manifest format its seeds come from (null: all), and what it runs on an input.</summary>
/// <remarks><see cref="Run"/> returns a short description of the outcome (the mutation mode keeps inputs with new ones).</remarks>
public sealed record FuzzTarget(string Name, ManifestFormat? SeedFormat, Func<byte[], string> Run);

/// <summary>
/// The targets: one per manifest format, content detection, and the POST /v1/scan body reader. A target "crashes"
/// (throws) when an exception escapes, when a failure reached <see cref="ManifestParser"/>'s last-resort catch-all
/// instead of being mapped by the parser, or when a result breaks the parsers' contract.
/// </summary>
public static class FuzzTargets
{
    public static readonly IReadOnlyList<FuzzTarget> All =
    [
        Manifest("package-json", ManifestFormat.PackageJson),
        Manifest("package-lock", ManifestFormat.PackageLockJson),
        Manifest("yarn-lock", ManifestFormat.YarnLock),
        Manifest("pnpm-lock", ManifestFormat.PnpmLock),
        Manifest("requirements", ManifestFormat.RequirementsTxt),
        Manifest("pyproject", ManifestFormat.PyProjectToml),
        Manifest("pipfile", ManifestFormat.Pipfile),
        new("detect", null, data => Check(() => ManifestParser.Parse(null, Text(data)))),
        new("scan-body", null, ScanBody),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    private static FuzzTarget Manifest(string name, ManifestFormat format) =>
        new(name, format, data => Check(() => ManifestParser.Parse(format, Text(data))));

    /// <summary>
    /// Bytes to text: UTF-8 (invalid sequences become U+FFFD), or, when the input starts with 0xFE, the rest as
    /// UTF-16LE, which can carry lone surrogates the way a string inside a JSON request can.
    /// </summary>
    public static string Text(byte[] data) =>
        data.Length > 0 && data[0] == 0xFE ? Encoding.Unicode.GetString(data, 1, (data.Length - 1) & ~1) : Encoding.UTF8.GetString(data);

    private static string Check(Func<ManifestParseResult> parse)
    {
        ManifestParseResult result;
        try
        {
            result = parse();
        }
        catch (ManifestParseException e)
        {
            if (e.Code is not (ManifestErrorCodes.Invalid or ManifestErrorCodes.UnsupportedFormat))
                throw new FuzzFinding($"unknown error code {e.Code}", e);
            if (e.Message.Contains("the content could not be read", StringComparison.Ordinal))
                throw new FuzzFinding("a failure reached the catch-all instead of being mapped by the parser", e.InnerException ?? e);
            return "E " + new string(e.Message.Where(c => !char.IsDigit(c)).Take(48).ToArray());
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in result.Dependencies)
        {
            var v = Core.Packages.PackageNames.Validate(d.Ecosystem, d.Name);
            if (!v.IsValid || v.Normalized != d.Name)
                throw new FuzzFinding($"dependency '{d.Name}' is not a valid normalised name");
            if (!names.Add(d.Name))
                throw new FuzzFinding($"dependency '{d.Name}' listed twice");
        }
        return $"ok {result.Format} {Math.Min(result.Dependencies.Count, 8)} {Math.Min(result.Skipped.Count, 4)} {result.Warnings.Count > 0}";
    }

    private static string ScanBody(byte[] data)
    {
        var (request, error) = ScanRequestReader.Read(data, 1000);
        if (request is null == error is null)
            throw new FuzzFinding("scan reader returned neither or both of request and error");
        if (error is not null && error.StatusCode is < 400 or >= 500)
            throw new FuzzFinding($"scan reader refused with status {error.StatusCode}");
        return error is null ? $"ok {Math.Min(request!.Dependencies.Count, 8)} {request.Invalid.Count > 0}" : "E " + System.Text.Encoding.UTF8.GetString(error.Body.Span[..Math.Min(error.Body.Length, 60)]);
    }
}

/// <summary>A broken contract found by a fuzz target (as opposed to an exception escaping by itself).</summary>
public sealed class FuzzFinding(string message, Exception? inner = null) : Exception(message, inner);
