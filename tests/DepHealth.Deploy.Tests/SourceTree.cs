using System.Text.RegularExpressions;
using System.Xml.Linq;
using DepHealth.Testing;

namespace DepHealth.Deploy.Tests;

/// <summary>An environment variable name read by the code, and the source file that reads it.</summary>
public sealed record EnvironmentRead(string Name, string File);

/// <summary>What the C# sources under src/ ask of their environment: projects, their references, variables, index names.</summary>
public static partial class SourceTree
{
    public static string Src => Path.Combine(RepoPaths.Root, "src");

    public static string ProjectFile(string projectName) => Path.Combine(Src, projectName, projectName + ".csproj");

    public static XDocument LoadProject(string projectName) => XDocument.Load(ProjectFile(projectName));

    public static string? Property(XDocument project, string name) =>
        project.Descendants(name).Select(e => e.Value.Trim()).LastOrDefault();

    /// <summary>The project and every project it references, transitively (folder names under src/).</summary>
    public static IReadOnlySet<string> ProjectClosure(string projectName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([projectName]);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (!seen.Add(name) || !File.Exists(ProjectFile(name))) continue;
            foreach (var reference in LoadProject(name).Descendants("ProjectReference"))
                stack.Push(Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')));
        }
        return seen;
    }

    public static IEnumerable<string> SourceFiles(string projectName)
    {
        var dir = Path.Combine(Src, projectName);
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));
    }

    /// <summary>
    /// Environment variables read by a project's sources: in a file that deals with the environment at all
    /// (<c>GetEnvironmentVariable</c>, a method named <c>…EnvironmentVariable</c>, a <c>GetVariable(…)</c> lookup
    /// delegate), every UPPER_SNAKE string literal, which catches names kept in constants, in name tables or passed
    /// to <c>lookup("X")</c>.
    /// </summary>
    public static IEnumerable<EnvironmentRead> EnvironmentReads(string projectName)
    {
        foreach (var file in SourceFiles(projectName))
            foreach (var name in VariablesIn(File.ReadAllText(file)))
                yield return new EnvironmentRead(name, Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/'));
    }

    /// <summary>The variable names one source text reads (see <see cref="EnvironmentReads"/>).</summary>
    public static IReadOnlySet<string> VariablesIn(string source)
    {
        var text = StripComments(source);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!ReadsEnvironment().IsMatch(text)) return names;
        foreach (Match m in UpperSnakeLiteral().Matches(text))
            names.Add(m.Groups[1].Value);
        return names;
    }

    /// <summary>DynamoDB index names the code queries: string literals ending in <c>-index</c>.</summary>
    public static IEnumerable<(string Index, string File)> IndexNames(string projectName) =>
        SourceFiles(projectName).SelectMany(file =>
            IndexLiteral().Matches(StripComments(File.ReadAllText(file)))
                .Select(m => (m.Groups[1].Value, Path.GetRelativePath(RepoPaths.Root, file))));

    private static string StripComments(string text) => Comment().Replace(text, "");

    [GeneratedRegex(@"EnvironmentVariable|GetVariable\(")]
    private static partial Regex ReadsEnvironment();

    [GeneratedRegex("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"")]
    private static partial Regex UpperSnakeLiteral();

    [GeneratedRegex("\"([a-z0-9][a-z0-9-]*-index(?:-v[0-9]+)?)\"")]
    private static partial Regex IndexLiteral();

    // Whole-line // comments and /* */ blocks; a // inside a string (a URL) is left alone.
    [GeneratedRegex(@"^[ \t]*//[^\n]*|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Comment();
}
