namespace VideoPlatform.Bench;

/// <summary>Command line: <c>--duration 15 --connections 64 --only cached-metadata,proxy</c>; <c>--chunked</c> has the streaming proxy fetch the fake CDN in range chunks.</summary>
internal sealed record BenchOptions(TimeSpan Duration, int Connections, IReadOnlySet<string> Only, string ReportPath, bool Soak, bool Chunked = false)
{
    /// <summary>The machine's load average when the run began: on a shared machine the figures move with it.</summary>
    public double LoadAtStart { get; } = Machine.LoadAverage();

    public bool Includes(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static BenchOptions Parse(string[] args)
    {
        var duration = TimeSpan.FromSeconds(15);
        var connections = 64;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var report = Path.Combine(TestSupport.RepositoryPaths.Root, "docs", "benchmarks.md");
        var soak = false;
        var chunked = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--duration": duration = TimeSpan.FromSeconds(int.Parse(args[++i])); break;
                case "--connections": connections = int.Parse(args[++i]); break;
                case "--only": only.UnionWith(args[++i].Split(',')); break;
                case "--report": report = Path.GetFullPath(args[++i]); break;
                case "--soak": soak = true; break;
                case "--chunked": chunked = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --duration <s> --connections <n> --only <a,b> --report <file> --soak --chunked");
            }
        }
        return new BenchOptions(duration, connections, only, report, soak, chunked);
    }
}
