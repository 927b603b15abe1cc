using System.Diagnostics;
using Xunit;

namespace VideoPlatform.TestSupport;

/// <summary>Prometheus's own checker (<c>promtool check metrics</c>, from <c>apt-get install prometheus</c>) run on a scrape.</summary>
public static class Promtool
{
    /// <summary>
    /// Asserts that promtool parses <paramref name="scrape"/> and finds fault with nothing but the
    /// .NET runtime's instrument names (<c>dotnet_timer_count</c>…), which OpenTelemetry's runtime
    /// instrumentation chooses, not this platform.
    /// </summary>
    public static async Task AssertParsesAsync(string scrape)
    {
        var (exitCode, output) = await CheckAsync(scrape);
        // Exit 0: clean; 3: parsed, with lint remarks; anything else: the exposition is broken.
        Assert.True(exitCode is 0 or 3, $"promtool could not parse the scrape ({exitCode}):{Environment.NewLine}{output}");
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            remark => Assert.StartsWith("dotnet_", remark));
    }

    private static async Task<(int ExitCode, string Output)> CheckAsync(string scrape)
    {
        using var process = Process.Start(new ProcessStartInfo("promtool", ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("promtool did not start (apt-get install prometheus)");
        await process.StandardInput.WriteAsync(scrape);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
