namespace DepHealth.Core.Scoring;

/// <summary>Python's <c>str.strip()</c>, whose whitespace set is .NET's plus U+001C..U+001F.</summary>
internal static class PythonText
{
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';

    public static string Strip(string s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsSpace(s[start])) start++;
        while (end > start && IsSpace(s[end - 1])) end--;
        return s[start..end];
    }
}
