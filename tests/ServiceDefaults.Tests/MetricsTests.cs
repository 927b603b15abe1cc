using System.Diagnostics;

namespace VideoPlatform.ServiceDefaults.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task The_prometheus_scrape_passes_promtool_and_counts_requests()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?>());
        (await service.Client.GetAsync("/echo")).EnsureSuccessStatusCode();

        // The first scrape after a request may precede the exporter's collection; ask until it shows.
        string scrape;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        do
        {
            scrape = await service.Client.GetStringAsync("/metrics", deadline.Token);
        }
        while (!scrape.Contains("http_server_request_duration_seconds_count") && !deadline.IsCancellationRequested);

        Assert.Contains("http_route=\"/echo\"", scrape);
        // Kestrel's memory pool meter is dropped: it measured every buffer rented and returned.
        Assert.Contains("kestrel_", scrape);
        Assert.DoesNotContain("aspnetcore_memory_pool", scrape);
        var (exitCode, output) = await RunAsync("promtool", ["check", "metrics"], scrape);

        // Exit 0: clean; 3: parsed, with lint remarks; anything else: the exposition is broken.
        Assert.True(exitCode is 0 or 3, $"promtool could not parse the scrape ({exitCode}):{Environment.NewLine}{output}");
        // The only remarks allowed are on .NET runtime instrument names (dotnet_timer_count…),
        // which OpenTelemetry's runtime instrumentation chooses, not this platform.
        var remarks = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(remarks, remark => Assert.StartsWith("dotnet_", remark));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, string input)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"{fileName} did not start (apt-get install prometheus)");
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
