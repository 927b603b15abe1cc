using System.Text;
using VideoPlatform.Bench;

// Baseline process mode: serve fixed bytes on a port.
if (args is ["--serve-bytes", var file, var contentType, var port])
{
    await BareKestrel.ServeAsync(file, contentType, int.Parse(port));
    return 0;
}

var options = BenchOptions.Parse(args);
var report = new BenchReport(options);
Console.WriteLine($"Benchmarks: {options.Duration.TotalSeconds:0} s per run, {options.Connections} connections. Machine: {Machine.Describe()}");

await using var platform = await Platform.StartAsync();
foreach (var scenario in Scenarios.All.Where(s => options.Includes(s.Name)))
{
    Console.WriteLine($"== {scenario.Name}");
    try
    {
        foreach (var row in await scenario.RunAsync(platform, options))
        {
            Console.WriteLine($"   {row}");
            report.Add(scenario, row);
        }
    }
    catch (Exception ex)
    {
        Console.WriteLine($"   failed: {ex.Message}");
        report.Fail(scenario, ex.Message);
    }
}

var written = report.Write();
Console.WriteLine($"Wrote {written}");
return report.AllTargetsMet ? 0 : 1;
