using System.Globalization;

namespace DepHealth.Bench.Harness;

/// <summary>What the figures were measured on: cores, CPU model, load average at the start of the run.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        return string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {model ?? "unknown CPU"}, load average {load} (1/5/15 min) at start, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}.");
    }
}
