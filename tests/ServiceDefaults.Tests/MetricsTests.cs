using VideoPlatform.TestSupport;

namespace VideoPlatform.ServiceDefaults.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task The_prometheus_scrape_passes_promtool_and_counts_requests()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?>());
        (await service.Client.GetAsync("/echo")).EnsureSuccessStatusCode();

        // The first scrape after a request may precede the exporter's collection; ask until it shows.
        var scrape = await Wait.UntilAsync("the request count in the scrape", cancellationToken => service.Client.GetStringAsync("/metrics", cancellationToken),
            text => text.Contains("http_server_request_duration_seconds_count"));

        Assert.Contains("http_route=\"/echo\"", scrape);
        // Kestrel's memory pool meter is dropped: it measured every buffer rented and returned.
        Assert.Contains("kestrel_", scrape);
        Assert.DoesNotContain("aspnetcore_memory_pool", scrape);
        await Promtool.AssertParsesAsync(scrape);
    }
}
