using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DepHealth.Testing;

/// <summary>
/// The newest glibc symbol version an ELF binary imports (<c>objdump -T</c>): what the target's glibc must provide.
/// provided.al2023 ships glibc 2.34.
/// </summary>
public static partial class GlibcRequirement
{
    public static readonly Version AmazonLinux2023 = new(2, 34);

    public static async Task<Version> NewestRequiredAsync(string binaryPath)
    {
        var psi = new ProcessStartInfo("objdump")
        {
            ArgumentList = { "-T", binaryPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start objdump (binutils)");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"objdump -T {binaryPath} failed: {error}");

        var versions = GlibcVersion().Matches(output).Select(m => Version.Parse(m.Groups[1].Value)).ToList();
        if (versions.Count == 0)
            throw new InvalidOperationException($"{binaryPath} imports no versioned glibc symbols: not a dynamic glibc binary?");
        return versions.Max()!;
    }

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex GlibcVersion();
}
