namespace VideoPlatform.TestSupport;

/// <summary>Processes as Linux's <c>/proc</c> shows them: who descends from whom, and with what arguments.</summary>
public static class ProcessTree
{
    public static List<int> Descendants(int ancestor)
    {
        var found = new List<int>();
        var next = new Queue<int>([ancestor]);
        while (next.TryDequeue(out var parent))
        {
            foreach (var child in Children(parent))
            {
                found.Add(child);
                next.Enqueue(child);
            }
        }
        return found;
    }

    /// <summary>The program and arguments of <paramref name="pid"/> (<c>/proc/&lt;pid&gt;/cmdline</c>: NUL-separated); none once it is gone.</summary>
    public static string[] Arguments(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }

    public static List<int> Children(int parent) => All().Where(pid => ParentOf(pid) == parent).ToList();

    /// <summary>Every process there is now.</summary>
    public static IEnumerable<int> All() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    /// <summary>A process's command line, its program's path shortened to its name; empty once it is gone.</summary>
    public static string CommandLine(int pid) =>
        Arguments(pid) is [var program, .. var arguments] ? string.Join(' ', [Path.GetFileName(program), .. arguments]) : "";

    /// <summary>Running, and not a zombie waiting for its parent to collect it.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
