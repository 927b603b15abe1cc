using System.Text.RegularExpressions;

namespace VideoPlatform.Bench;

internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? Regex.Match(File.ReadAllText("/proc/cpuinfo"), @"model name\s*:\s*(.+)").Groups[1].Value.Trim()
            : "unknown CPU";
        var memory = File.Exists("/proc/meminfo")
            ? long.Parse(Regex.Match(File.ReadAllText("/proc/meminfo"), @"MemTotal:\s*(\d+)").Groups[1].Value) / 1024 / 1024
            : 0;
        return $"{Environment.ProcessorCount} × {cpu}, {memory} GiB RAM, {Environment.OSVersion}, .NET {Environment.Version}";
    }

    /// <summary>Peak resident memory of a process (VmHWM), in MiB.</summary>
    public static double PeakMemoryMiB(int pid)
    {
        var status = File.ReadAllText($"/proc/{pid}/status");
        return long.Parse(Regex.Match(status, @"VmHWM:\s*(\d+)").Groups[1].Value) / 1024.0;
    }

    /// <summary>Current resident memory of a process (VmRSS), in MiB.</summary>
    public static double ResidentMemoryMiB(int pid)
    {
        var status = File.ReadAllText($"/proc/{pid}/status");
        return long.Parse(Regex.Match(status, @"VmRSS:\s*(\d+)").Groups[1].Value) / 1024.0;
    }
}
