using System.Globalization;

namespace VideoPlatform.Bench;

internal static class Scenarios
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("pipeline-overhead",
            "`GET /api/v2/platforms` on metadata (no upstream, no cache: the whole ServiceDefaults pipeline — OpenTelemetry, " +
            "problem details, security middleware — plus JSON) against a bare Kestrel process answering the same bytes.",
            PipelineOverheadAsync),
    ];

    private static async Task<IReadOnlyList<BenchRow>> PipelineOverheadAsync(Platform platform, BenchOptions options)
    {
        var url = new Uri(platform.Endpoint("metadata"), "/api/v2/platforms");
        using var http = new HttpClient();
        var body = await http.GetByteArrayAsync(url);
        return await AgainstBareKestrelAsync(url, body, "application/json; charset=utf-8", options, minimumRatio: 0.6);
    }

    /// <summary>Loads <paramref name="url"/> and a bare Kestrel answering <paramref name="body"/>, alternately, and compares.</summary>
    internal static async Task<IReadOnlyList<BenchRow>> AgainstBareKestrelAsync(Uri url, byte[] body, string contentType, BenchOptions options, double minimumRatio)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, body);
        var port = TestSupport.FreePort.Next();
        using var bare = BareKestrel.Start(file, contentType, port);
        try
        {
            var bareUrl = $"http://127.0.0.1:{port}/bytes";
            await WaitUntilAnsweringAsync(bareUrl);

            // Warm both, then measure service and baseline back to back.
            await Wrk.RunAsync(url.ToString(), TimeSpan.FromSeconds(3), options.Connections);
            await Wrk.RunAsync(bareUrl, TimeSpan.FromSeconds(3), options.Connections);
            var service = await Wrk.RunAsync(url.ToString(), options.Duration, options.Connections);
            var baseline = await Wrk.RunAsync(bareUrl, options.Duration, options.Connections);

            var ratio = service.RequestsPerSecond / baseline.RequestsPerSecond;
            return
            [
                new("throughput", $"{service.RequestsPerSecond:N0} req/s", $"{baseline.RequestsPerSecond:N0} req/s", ratio,
                    $"≥ {minimumRatio:P0} of bare Kestrel", ratio >= minimumRatio),
                new("p50 latency", Ms(service.P50Ms), Ms(baseline.P50Ms), null, "", null),
                new("p99 latency", Ms(service.P99Ms), Ms(baseline.P99Ms), null, "", null),
                new("errors", service.Errors.ToString(CultureInfo.InvariantCulture), baseline.Errors.ToString(CultureInfo.InvariantCulture), null, "0", service.Errors == 0),
            ];
        }
        finally
        {
            bare.Kill();
            File.Delete(file);
        }
    }

    internal static async Task WaitUntilAnsweringAsync(string url)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                (await http.GetAsync(url)).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static string Ms(double value) => $"{value.ToString("0.00", CultureInfo.InvariantCulture)} ms";
}
