using System.Text.Unicode;
using System.Text.Json;
using DepHealth.Core.Json;
using DepHealth.Core.Manifests;
using DepHealth.Core.Packages;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Api;

/// <summary>One dependency of a scan: its store key and the strongest way it was declared.</summary>
public sealed record ScanDependency(PackageKey Key, DependencyKind Kind);

/// <summary>A refused dependency name and why (listed in the answer, not fatal).</summary>
public sealed record InvalidDependency(string Name, string Reason);

/// <summary>A validated scan request: unique dependencies in first-seen order and the names that were refused.</summary>
public sealed record ScanRequest(Ecosystem Ecosystem, IReadOnlyList<ScanDependency> Dependencies, IReadOnlyList<InvalidDependency> Invalid);

/// <summary>
/// Reads a POST /v1/scan body (reference §1.2): <c>content</c> (any manifest the parsers detect), <c>dependencies</c>
/// and <c>devDependencies</c> (object or list), <c>ecosystem</c>. Validates everything; costs nothing.
/// </summary>
public static class ScanRequestReader
{
    private const int MaxInvalidListed = 100;
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The request, or the 4xx that refuses it.</summary>
    public static (ScanRequest? Request, ApiResponse? Error) Read(ReadOnlyMemory<byte> body, int maxDependencies)
    {
        if (body.IsEmpty || IsWhitespace(body.Span))
            return (null, NoDependencies());

        if (!Utf8.IsValid(body.Span))
            return (null, ApiError.BadRequest(ErrorCodes.InvalidJson, "Request body must be valid UTF-8 JSON"));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException)
        {
            return (null, ApiError.BadRequest(ErrorCodes.InvalidJson, "Request body must be valid JSON"));
        }
        if (JsonStrings.HasUndecodableString(body.Span, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth }))
        {
            document.Dispose();
            return (null, ApiError.BadRequest(ErrorCodes.InvalidJson, "Request body holds a string that is not valid Unicode (an escaped lone surrogate)"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, ApiError.BadRequest(ErrorCodes.InvalidJson, "Request body must be a JSON object"));

            Ecosystem? declared = null;
            if (root.TryGetProperty("ecosystem", out var ecoElement))
            {
                if (ecoElement.ValueKind != JsonValueKind.String || !Ecosystems.TryParse(ecoElement.GetString(), out var eco))
                    return (null, ApiError.BadRequest(ErrorCodes.InvalidEcosystem,
                        $"Invalid ecosystem {Describe(ecoElement)}. Supported: {string.Join(", ", Ecosystems.Supported)}"));
                declared = eco;
            }

            ManifestParseResult? manifest = null;
            if (root.TryGetProperty("content", out var content) && content.ValueKind is not JsonValueKind.Null)
            {
                var text = content.ValueKind == JsonValueKind.String ? content.GetString() : content.GetRawText();
                if (!string.IsNullOrWhiteSpace(text))
                {
                    try
                    {
                        manifest = ManifestParser.Parse(null, text);
                    }
                    catch (ManifestParseException e)
                    {
                        return (null, ApiError.BadRequest(e.Code, e.Message));
                    }
                    if (declared is { } d && d != manifest.Ecosystem)
                        return (null, ApiError.BadRequest(ErrorCodes.InvalidEcosystem,
                            $"content is a {manifest.Format.DisplayName()} ({manifest.Ecosystem.ToWire()}) but ecosystem is {d.ToWire()}"));
                }
            }

            var ecosystem = declared ?? manifest?.Ecosystem ?? Ecosystem.Npm;
            var builder = new Builder(ecosystem, maxDependencies);
            if (manifest is not null)
            {
                foreach (var dep in manifest.Dependencies)
                    if (!builder.AddNormalized(dep.Name, dep.Kind))
                        return (null, builder.TooMany());
            }
            if (!builder.AddFrom(root, "dependencies", DependencyKind.Prod) || !builder.AddFrom(root, "devDependencies", DependencyKind.Dev))
                return (null, builder.TooMany());

            if (builder.Dependencies.Count == 0)
            {
                if (builder.Invalid.Count == 0)
                    return (null, NoDependencies());
                return (null, ApiError.BadRequest(ErrorCodes.InvalidPackageName,
                    $"No valid package names: {string.Join("; ", builder.Invalid.Take(5).Select(i => $"'{i.Name}': {i.Reason}"))}"));
            }
            return (new ScanRequest(ecosystem, builder.Dependencies, builder.Invalid), null);
        }
    }

    private static ApiResponse NoDependencies() => ApiError.BadRequest(ErrorCodes.NoDependencies,
        "No dependencies found. Provide 'content' (a manifest such as package.json or requirements.txt) or a 'dependencies' object.");

    private static bool IsWhitespace(ReadOnlySpan<byte> bytes) => bytes.Trim(" \t\r\n"u8).IsEmpty;

    private static string Describe(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? $"'{Shorten(e.GetString()!)}'"
        : e.ValueKind.ToString().ToLowerInvariant();

    internal static string Shorten(string s) => s.Length > 64 ? s[..64] + "…" : s;

    /// <summary>Accumulates unique names (by normalised key), keeping the strongest kind; stops past the limit.</summary>
    private sealed class Builder(Ecosystem ecosystem, int max)
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly HashSet<string> _invalidSeen = new(StringComparer.Ordinal);
        private readonly string _wire = ecosystem.ToWire();

        public List<ScanDependency> Dependencies { get; } = [];
        public List<InvalidDependency> Invalid { get; } = [];

        public bool AddFrom(JsonElement root, string property, DependencyKind kind)
        {
            if (!root.TryGetProperty(property, out var value))
                return true;
            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in value.EnumerateObject())
                    if (!AddRaw(p.Name, kind))
                        return false;
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.String && !AddRaw(item.GetString()!, kind))
                        return false;
            }
            return true;
        }

        private bool AddRaw(string raw, DependencyKind kind)
        {
            if (raw.Length == 0)
                return true;
            var validation = PackageNames.Validate(ecosystem, raw);
            if (validation.IsValid)
                return AddNormalized(validation.Normalized, kind);
            if (_invalidSeen.Add(raw))
            {
                if (_invalidSeen.Count > max)
                    return false;
                if (Invalid.Count < MaxInvalidListed)
                    Invalid.Add(new InvalidDependency(Shorten(raw), validation.Error!));
            }
            return true;
        }

        public bool AddNormalized(string name, DependencyKind kind)
        {
            if (_index.TryGetValue(name, out var at))
            {
                if (kind.IsStrongerThan(Dependencies[at].Kind))
                    Dependencies[at] = Dependencies[at] with { Kind = kind };
                return true;
            }
            if (Dependencies.Count >= max)
                return false;
            _index[name] = Dependencies.Count;
            Dependencies.Add(new ScanDependency(new PackageKey(_wire, name), kind));
            return true;
        }

        public ApiResponse TooMany() => ApiError.BadRequest(ErrorCodes.TooManyDependencies,
            $"Too many dependencies: at most {max} unique packages per scan");
    }
}
