using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DepHealth.Deploy.Tests;

/// <summary>One intrinsic-function reference found in a template: which function, its target, and where.</summary>
public sealed record IntrinsicReference(string Function, string Target, string? Attribute, string Location);

/// <summary>
/// A CloudFormation/SAM template read with YamlDotNet's representation model. Short-form tags (<c>!Ref</c>,
/// <c>!GetAtt</c>, <c>!Sub</c>, <c>!If</c>…) stay on the nodes as tags, so both the short and the long
/// (<c>Ref:</c>, <c>Fn::GetAtt:</c>) forms are recognised here.
/// </summary>
public sealed partial class CloudFormationTemplate
{
    public YamlMappingNode Root { get; }

    private CloudFormationTemplate(YamlMappingNode root) => Root = root;

    public static CloudFormationTemplate Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return new CloudFormationTemplate((YamlMappingNode)stream.Documents[0].RootNode);
    }

    public YamlMappingNode Section(string name) =>
        Root.Children.TryGetValue(new YamlScalarNode(name), out var n) ? (YamlMappingNode)n : new YamlMappingNode();

    public IReadOnlyDictionary<string, YamlMappingNode> Resources =>
        Section("Resources").Children.ToDictionary(kv => Scalar(kv.Key)!, kv => (YamlMappingNode)kv.Value);

    public IEnumerable<string> ParameterNames => Section("Parameters").Children.Keys.Select(k => Scalar(k)!);
    public IEnumerable<string> ConditionNames => Section("Conditions").Children.Keys.Select(k => Scalar(k)!);

    public string? ResourceType(string logicalId) =>
        Resources.TryGetValue(logicalId, out var r) ? Scalar(Child(r, "Type")) : null;

    public IEnumerable<string> ResourcesOfType(string type) =>
        Resources.Where(kv => Scalar(Child(kv.Value, "Type")) == type).Select(kv => kv.Key);

    /// <summary>A function's property, falling back to <c>Globals.Function</c> as SAM does.</summary>
    public YamlNode? FunctionProperty(string logicalId, string property) =>
        Child(Properties(logicalId), property) ?? Child(Child(Section("Globals"), "Function"), property);

    public YamlMappingNode? Properties(string logicalId) => Child(Resources[logicalId], "Properties") as YamlMappingNode;

    /// <summary>Environment variables of a function, merged over the global ones (a function's own value wins).</summary>
    public IReadOnlyDictionary<string, YamlNode> Environment(string logicalId)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var source in new[] { Child(Child(Section("Globals"), "Function"), "Environment"), Child(Properties(logicalId), "Environment") })
            if (Child(source, "Variables") is YamlMappingNode vars)
                foreach (var (k, v) in vars.Children)
                    result[Scalar(k)!] = v;
        return result;
    }

    /// <summary>Every Ref, GetAtt, Sub variable and If/Condition name anywhere in the template.</summary>
    public IEnumerable<IntrinsicReference> References()
    {
        var found = new List<IntrinsicReference>();
        Walk(Root, "", found);
        return found;
    }

    /// <summary>The logical id a value points at via <c>!Ref X</c> or <c>!GetAtt X.Attr</c>, else null.</summary>
    public static IntrinsicReference? ReferenceOf(YamlNode? node)
    {
        if (node is null) return null;
        var list = new List<IntrinsicReference>();
        Intrinsic(node, "", list);
        return list.FirstOrDefault(r => r.Function is "Ref" or "GetAtt");
    }

    public static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    public static string? Scalar(YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>A node's explicit tag such as <c>!Ref</c>, or null (no tag, or the non-specific one of quoted scalars).</summary>
    public static string? TagOf(YamlNode? node) =>
        node is null || node.Tag.IsEmpty || node.Tag.IsNonSpecific ? null : node.Tag.Value;

    private static void Walk(YamlNode node, string path, List<IntrinsicReference> found)
    {
        Intrinsic(node, path, found);
        switch (node)
        {
            case YamlMappingNode m:
                foreach (var (k, v) in m.Children)
                {
                    var key = Scalar(k) ?? "?";
                    // A resource's Condition attribute names a condition.
                    if (key == "Condition" && v is YamlScalarNode c && !path.EndsWith("Fn::If", StringComparison.Ordinal))
                        found.Add(new IntrinsicReference("Condition", c.Value!, null, path));
                    Walk(v, path + "/" + key, found);
                }
                break;
            case YamlSequenceNode s:
                for (var i = 0; i < s.Children.Count; i++)
                    Walk(s.Children[i], $"{path}[{i}]", found);
                break;
        }
    }

    // Recognises the intrinsic at this node (short tag or long one-key mapping) and records its targets.
    private static void Intrinsic(YamlNode node, string path, List<IntrinsicReference> found)
    {
        string? fn = null;
        YamlNode? arg = null;
        var tag = TagOf(node);
        if (tag is not null && tag.StartsWith('!'))
        {
            fn = tag[1..];
            arg = node;
        }
        else if (node is YamlMappingNode m && m.Children.Count == 1)
        {
            var key = Scalar(m.Children.Keys.First());
            if (key == "Ref" || key?.StartsWith("Fn::", StringComparison.Ordinal) == true)
            {
                fn = key == "Ref" ? "Ref" : key[4..];
                arg = m.Children.Values.First();
            }
        }
        if (fn is null || arg is null) return;

        switch (fn)
        {
            case "Ref" when Scalar(arg) is { } target:
                found.Add(new IntrinsicReference("Ref", target, null, path));
                break;
            case "GetAtt":
                {
                    string? target = null, attribute = null;
                    if (Scalar(arg) is { } dotted)
                    {
                        var dot = dotted.IndexOf('.');
                        (target, attribute) = dot < 0 ? (dotted, null) : (dotted[..dot], dotted[(dot + 1)..]);
                    }
                    else if (arg is YamlSequenceNode seq && seq.Children.Count == 2)
                        (target, attribute) = (Scalar(seq.Children[0]), Scalar(seq.Children[1]));
                    if (target is not null)
                        found.Add(new IntrinsicReference("GetAtt", target, attribute, path));
                    break;
                }
            case "Sub":
                {
                    var text = Scalar(arg);
                    HashSet<string> local = [];
                    if (text is null && arg is YamlSequenceNode seq && seq.Children.Count == 2)
                    {
                        text = Scalar(seq.Children[0]);
                        if (seq.Children[1] is YamlMappingNode vars)
                            local = vars.Children.Keys.Select(k => Scalar(k)!).ToHashSet();
                    }
                    if (text is null) break;
                    foreach (Match match in SubVariable().Matches(text))
                    {
                        var name = match.Groups[1].Value;
                        if (local.Contains(name)) continue;
                        var dot = name.IndexOf('.');
                        if (dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal))
                            found.Add(new IntrinsicReference("GetAtt", name[..dot], name[(dot + 1)..], path));
                        else
                            found.Add(new IntrinsicReference("Ref", name, null, path));
                    }
                    break;
                }
            case "If" when arg is YamlSequenceNode seq && seq.Children.Count == 3 && Scalar(seq.Children[0]) is { } condition:
                found.Add(new IntrinsicReference("Condition", condition, null, path));
                break;
            case "Condition" when Scalar(arg) is { } condition:
                found.Add(new IntrinsicReference("Condition", condition, null, path));
                break;
        }
    }

    // ${Name} or ${Name.Attr}; ${!Literal} is an escaped literal.
    [GeneratedRegex(@"\$\{(?!!)([A-Za-z0-9:_.]+)\}")]
    private static partial Regex SubVariable();
}
