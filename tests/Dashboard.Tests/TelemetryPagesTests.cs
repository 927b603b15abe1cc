using System.Diagnostics;
using System.Net;
using Microsoft.Playwright;

namespace VideoPlatform.Dashboard.Tests;

/// <summary>
/// Structured logs, traces and metrics as the services send them to the AppHost over OTLP,
/// seen in a real headless Chromium. Screenshots go to tests/Dashboard.Tests/artifacts.
/// </summary>
public sealed class TelemetryPagesTests(TelemetryComposition composition) : IClassFixture<TelemetryComposition>
{
    private const string ProxyPath = $"/api/v2/stream/proxy/youtube/{TelemetryComposition.VideoId}?quality=720p";

    [Fact]
    public void Services_export_to_the_dashboard_with_a_short_timeout_so_a_dead_apphost_does_not_hold_their_exit()
    {
        foreach (var name in new[] { "metadata", "streaming", "legacy" })
        {
            Assert.True(composition.App.ResourceNotifications.TryGetCurrentState(name, out var snapshot));
            var environment = ProcessEnvironment.Of(Assert.Single(snapshot.ProcessIds));
            Assert.Equal(composition.App.OtlpEndpoint!.ToString().TrimEnd('/'), environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal("3000", environment["OTEL_EXPORTER_OTLP_TIMEOUT"]);
        }
    }

    [Fact]
    public async Task A_request_through_legacy_is_one_trace_from_legacy_through_streaming_and_metadata_to_redis()
    {
        var traceId = await SendThroughLegacyAsync(ProxyPath, HttpStatusCode.OK);

        var list = await composition.OpenAsync("/traces");
        var row = $"tr[data-trace-id='{traceId}']";
        await list.WaitForFunctionAsync($$"""
            () => { const chips = [...document.querySelectorAll("{{row}} td.services .chip")].map(c => c.textContent);
                    return ['legacy', 'streaming', 'metadata'].every(s => chips.includes(s)); }
            """);
        Assert.StartsWith("legacy: GET", await list.InnerTextAsync($"{row} td:nth-child(2)"));
        await composition.ScreenshotAsync(list, "traces.png");

        await list.ClickAsync($"{row} a");
        await list.WaitForURLAsync($"**/traces/{traceId}");
        // The chain is parent to child across processes: legacy's call is streaming's parent, streaming's
        // call is metadata's parent, and metadata's Redis read hangs under metadata's request.
        await list.WaitForFunctionAsync("""
            () => {
              const spans = [...document.querySelectorAll('tr.span')].map(r => ({
                id: r.dataset.spanId, parent: r.dataset.parentSpanId, resource: r.dataset.resource,
                name: r.querySelector('summary').textContent }));
              const byId = Object.fromEntries(spans.map(s => [s.id, s]));
              const crosses = (from, to) => spans.some(s => s.resource === to && byId[s.parent]?.resource === from);
              const redis = spans.some(s => s.resource === 'metadata' && s.name.includes('redis GET') && byId[s.parent]);
              return crosses('legacy', 'streaming') && crosses('streaming', 'metadata') && redis;
            }
            """);
        var rows = await list.QuerySelectorAllAsync("tr.span");
        Assert.All(await Task.WhenAll(rows.Select(r => r.QuerySelectorAsync(".bar"))), Assert.NotNull);
        await composition.ScreenshotAsync(list, "trace.png");
    }

    [Fact]
    public async Task A_log_line_a_service_writes_appears_in_structured_logs_with_its_attributes_and_trace()
    {
        // A video YouTube says is unavailable: legacy logs the failure with the route and the error code.
        var traceId = await SendThroughLegacyAsync("/api/info?url=https://www.youtube.com/watch?v=gone0000001", HttpStatusCode.NotFound);

        var page = await composition.OpenAsync("/structuredlogs?resource=legacy&q=video_unavailable");
        var row = $"tr.log:has(a.trace[href='/traces/{traceId}'])";
        await page.WaitForSelectorAsync(row);

        Assert.Equal("legacy", await page.GetAttributeAsync(row, "data-resource"));
        Assert.Equal("Information", await page.InnerTextAsync($"{row} td.level"));
        Assert.StartsWith("Legacy route /api/info failed with video_unavailable", await page.InnerTextAsync($"{row} td.message"));
        Assert.Equal("Code=video_unavailable", await page.InnerTextAsync($"{row} .attr[data-key='Code']"));
        Assert.Equal("Path=/api/info", await page.InnerTextAsync($"{row} .attr[data-key='Path']"));
        await composition.ScreenshotAsync(page, "structured-logs.png");

        // The level filter leaves it out when only warnings and worse are asked for.
        await page.SelectOptionAsync("select[name='level']", "Warning");
        // The choice submits the form; the page the server renders for it marks Warning as selected.
        await page.WaitForSelectorAsync("select[name='level'] option[value='Warning'][selected]", new() { State = WaitForSelectorState.Attached });
        Assert.Equal(0, await page.Locator(row).CountAsync());
    }

    [Fact]
    public async Task The_metrics_page_charts_bytes_streamed_and_request_rate_of_streaming()
    {
        await SendThroughLegacyAsync(ProxyPath, HttpStatusCode.OK);

        var page = await composition.OpenAsync("/metrics?resource=streaming");
        // A chart shows a step with bytes in it once streaming's next export arrives.
        await page.WaitForFunctionAsync("""
            () => { const svg = document.querySelector("svg[data-instrument='streaming.bytes_served']");
                    return svg && Number(svg.dataset.max) > 0 && svg.querySelector('path.line').getAttribute('d').startsWith('M'); }
            """);
        await page.WaitForFunctionAsync("""
            () => { const svg = document.querySelector("svg[data-instrument='http.server.request.duration']");
                    return svg && Number(svg.dataset.max) > 0; }
            """);
        Assert.Contains("Bytes streamed", await page.InnerTextAsync("#charts"));
        Assert.Contains("Active streams", await page.InnerTextAsync("#charts"));
        Assert.Equal(1, await page.Locator("td.mono a", new() { HasTextString = "streaming.bytes_served" }).CountAsync());
        await composition.ScreenshotAsync(page, "metrics.png");
    }

    /// <summary>Sends a request through legacy in a trace of our own choosing (W3C traceparent), so the test can find it.</summary>
    private async Task<string> SendThroughLegacyAsync(string path, HttpStatusCode expected)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var client = new HttpClient { BaseAddress = composition.App.GetEndpoint("legacy") };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request);
        await response.Content.CopyToAsync(Stream.Null);
        Assert.Equal(expected, response.StatusCode);
        return traceId;
    }
}
