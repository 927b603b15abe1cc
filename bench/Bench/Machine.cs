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

    /// <summary>CPU time a process has used (user and system), in clock ticks of 10 ms.</summary>
    public static long CpuTicks(int pid) => CpuTicksOf(File.ReadAllText($"/proc/{pid}/stat"));

    /// <summary>
    /// CPU time each of a process's tiered-compilation threads has used, by thread id: while it grows,
    /// the JIT is still recompiling hot methods with optimisations and the process is not yet in
    /// its steady state.
    /// </summary>
    public static Dictionary<int, long> TieredCompilerTicks(int pid)
    {
        var threads = new Dictionary<int, long>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                {
                    threads[int.Parse(Path.GetFileName(task))] = CpuTicksOf(File.ReadAllText(Path.Combine(task, "stat")));
                }
            }
            catch (IOException)
            {
                // The thread ended while being read: it compiles nothing more.
            }
        }
        return threads;
    }

    /// <summary>The 1-minute load average: how many threads wanted the machine's cores.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    // Fields 14 and 15 (utime, stime), counted after the command name, which may hold spaces.
    private static long CpuTicksOf(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }
}
