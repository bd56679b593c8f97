using System.Text;
using System.Text.Json;

namespace DepHealth.Cli.Config;

/// <summary>What the config file stores.</summary>
public sealed record StoredConfig(string? ApiKey, string? ApiUrl);

/// <summary>
/// <c>~/.config/dephealth/config.json</c> (or <c>$XDG_CONFIG_HOME/dephealth/config.json</c>): created with mode 0600
/// because it holds an API key; a warning is printed when its mode lets others read it.
/// </summary>
public sealed class ConfigFile(string path)
{
    public string Path { get; } = path;

    public static ConfigFile Default(Func<string, string?> env)
    {
        var baseDir = env("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(env("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new ConfigFile(System.IO.Path.Combine(baseDir, "dephealth", "config.json"));
    }

    /// <summary>The stored values, or null when there is no file. A malformed file is reported and ignored.</summary>
    public StoredConfig? Read(TextWriter warnings)
    {
        if (!File.Exists(Path)) return null;
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Path);
            if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
                warnings.WriteLine($"warning: {Path} is readable by other users (mode {Convert.ToString((int)mode, 8)}); run: chmod 600 {Path}");
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
            return new StoredConfig(Str(doc.RootElement, "api_key"), Str(doc.RootElement, "api_url"));
        }
        catch (JsonException e)
        {
            warnings.WriteLine($"warning: ignoring {Path}: not valid JSON ({e.Message})");
            return null;
        }
    }

    /// <summary>Writes the values, creating the file (and its folder) with owner-only permissions.</summary>
    public void Write(StoredConfig config)
    {
        var dir = System.IO.Path.GetDirectoryName(Path)!;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(dir);
        else
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            if (config.ApiUrl is not null) w.WriteString("api_url", config.ApiUrl);
            if (config.ApiKey is not null) w.WriteString("api_key", config.ApiKey);
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');

        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(Path, options))
            stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        // An existing file keeps its old mode on open: tighten it too.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
