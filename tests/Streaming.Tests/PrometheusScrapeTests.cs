using System.Net;
using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class PrometheusScrapeTests(StreamingFixture streaming)
{
    [Fact]
    public async Task The_scrape_carries_streaming_histograms_and_counters_and_passes_promtool()
    {
        (await streaming.Client.GetAsync("/api/v2/stream/proxy/youtube/vid00000001")).EnsureSuccessStatusCode();
        using (var refused = await streaming.Client.GetAsync("/api/v2/stream/segment?token=not-a-token"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        await DownloadAsync("https://youtu.be/vid00000001");

        string[] expected =
        [
            """streaming_time_to_first_byte_seconds_bucket\{[^}]*platform="youtube"[^}]*\} [1-9]""",
            """streaming_upstream_duration_seconds_bucket\{[^}]*status="200"[^}]*\} [1-9]""",
            """streaming_token_rejections_total\{[^}]*reason="malformed"[^}]*\} [1-9]""",
            """streaming_download_jobs_total\{[^}]*state="queued"[^}]*\} [1-9]""",
            """streaming_download_jobs_total\{[^}]*state="completed"[^}]*\} [1-9]""",
        ];
        // The exporter collects on its own schedule; ask until every series shows.
        var scrape = await Wait.UntilAsync("every expected series in the scrape", cancellationToken => streaming.Client.GetStringAsync("/metrics", cancellationToken),
            text => expected.All(e => System.Text.RegularExpressions.Regex.IsMatch(text, e)));

        Assert.All(expected, e => Assert.Matches(e, scrape));
        // Seconds with buckets fit for them, not the SDK's default millisecond-sized ones.
        Assert.Matches("streaming_resolve_duration_seconds_bucket\\{[^}]*le=\"0.005\"", scrape);

        await Promtool.AssertParsesAsync(scrape);
    }

    private async Task DownloadAsync(string url)
    {
        using var started = await streaming.Client.PostAsJsonAsync("/api/v2/downloads", new DownloadRequest(url, null, null, null, null), ContractJson.Options);
        var job = await streaming.WaitForDownloadAsync((await started.Content.ReadFromJsonAsync<DownloadJob>(ContractJson.Options))!);
        Assert.Equal(DownloadStates.Completed, job.State);
    }
}
