using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DepHealth.Core.Manifests.Yaml;

/// <summary>A YAML node as lockfiles use them: a mapping with string keys, a sequence, or a scalar.</summary>
internal abstract class YamlTreeNode
{
    public string? Scalar => (this as YamlTreeScalar)?.Value;

    public YamlTreeMap? Map => this as YamlTreeMap;
}

/// <summary>A scalar value (aliases read as empty scalars).</summary>
internal sealed class YamlTreeScalar(string value) : YamlTreeNode
{
    public string Value { get; } = value;
}

/// <summary>A sequence.</summary>
internal sealed class YamlTreeSequence : YamlTreeNode
{
    public List<YamlTreeNode> Items { get; } = [];
}

/// <summary>A mapping in document order; a later duplicate key replaces the earlier one.</summary>
internal sealed class YamlTreeMap : YamlTreeNode
{
    public List<KeyValuePair<string, YamlTreeNode>> Entries { get; } = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public void Set(string key, YamlTreeNode value)
    {
        if (_index.TryGetValue(key, out var at))
            Entries[at] = new(key, value);
        else
        {
            _index[key] = Entries.Count;
            Entries.Add(new(key, value));
        }
    }

    public YamlTreeNode? this[string key] => _index.TryGetValue(key, out var at) ? Entries[at].Value : null;
}

/// <summary>
/// Loads YAML with YamlDotNet's event parser into <see cref="YamlTreeNode"/>s, without recursion and with a depth
/// limit, and without expanding aliases: hostile input (deep nesting, alias bombs) fails or stays small
/// instead of exhausting the stack or memory. Syntax errors become <see cref="ManifestParseException"/>.
/// </summary>
internal static class YamlTree
{
    public const int MaxDepth = 64;

    public static YamlTreeMap LoadMapping(ManifestFormat format, string content)
    {
        try
        {
            var root = Load(format, content);
            return root as YamlTreeMap ?? throw ManifestParseException.Invalid(format, "the top level is not a YAML mapping");
        }
        catch (YamlException e)
        {
            throw ManifestParseException.Invalid(format, $"not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {FirstLine(e.Message)}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some truncated flow collections instead of a YamlException.
            throw ManifestParseException.Invalid(format, "not valid YAML (unexpected end of a flow collection or document)", e);
        }
        catch (ArgumentException e)
        {
            // ...and this on a tag that is not a valid URI ("!!b[", found by fuzzing), again not a YamlException.
            throw ManifestParseException.Invalid(format, "not valid YAML (a malformed tag)", e);
        }
    }

    private static YamlTreeNode? Load(ManifestFormat format, string content)
    {
        var parser = new Parser(new StringReader(content));
        var stack = new Stack<(YamlTreeNode Node, string? PendingKey)>();
        YamlTreeNode? root = null;

        while (parser.MoveNext())
        {
            YamlTreeNode? completed = null;
            switch (parser.Current)
            {
                case DocumentStart when root is not null:
                    return root; // only the first document matters
                case Scalar scalar:
                    if (stack.Count > 0 && stack.Peek() is { Node: YamlTreeMap, PendingKey: null } top)
                    {
                        stack.Pop();
                        stack.Push((top.Node, scalar.Value));
                        continue;
                    }
                    completed = new YamlTreeScalar(scalar.Value);
                    break;
                case AnchorAlias:
                    if (stack.Count > 0 && stack.Peek() is { Node: YamlTreeMap, PendingKey: null })
                        throw ManifestParseException.Invalid(format, "aliases as mapping keys are not supported");
                    completed = new YamlTreeScalar("");
                    break;
                case MappingStart or SequenceStart:
                    if (stack.Count > 0 && stack.Peek() is { Node: YamlTreeMap, PendingKey: null })
                        throw ManifestParseException.Invalid(format, "complex mapping keys are not supported");
                    if (stack.Count >= MaxDepth)
                        throw ManifestParseException.Invalid(format, $"nested deeper than {MaxDepth} levels");
                    stack.Push((parser.Current is MappingStart ? new YamlTreeMap() : new YamlTreeSequence(), null));
                    continue;
                case MappingEnd or SequenceEnd:
                    completed = stack.Pop().Node;
                    break;
                default:
                    continue;
            }

            if (stack.Count == 0)
            {
                root ??= completed;
                continue;
            }
            var (parent, key) = stack.Pop();
            if (parent is YamlTreeMap map)
            {
                map.Set(key!, completed);
                stack.Push((map, null));
            }
            else
            {
                ((YamlTreeSequence)parent).Items.Add(completed);
                stack.Push((parent, null));
            }
        }
        return root;
    }

    private static string FirstLine(string message)
    {
        var nl = message.IndexOf('\n');
        return nl < 0 ? message : message[..nl];
    }
}
