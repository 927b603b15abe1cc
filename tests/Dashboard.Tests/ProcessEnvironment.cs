namespace VideoPlatform.Dashboard.Tests;

/// <summary>The environment a running process was started with, as Linux shows it in /proc.</summary>
internal static class ProcessEnvironment
{
    public static IReadOnlyDictionary<string, string> Of(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);
}
