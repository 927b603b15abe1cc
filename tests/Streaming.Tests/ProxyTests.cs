using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class ProxyTests(StreamingFixture streaming)
{
    private HttpClient Client => streaming.Client;

    [Fact]
    public async Task Redirect_mode_answers_302_to_the_chosen_cdn_url()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = streaming.Address };

        using var response = await client.GetAsync("/api/v2/stream/youtube/vid00000001?quality=720p");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri(streaming.Cdn.Address, "/media/progressive.mp4"), response.Headers.Location);
    }

    [Fact]
    public async Task Direct_answers_the_chosen_format_as_json()
    {
        var resolved = await Client.GetFromJsonAsync<ResolvedStream>("/api/v2/stream/direct/youtube/vid00000001?player=avpro", ContractJson.Options);

        Assert.NotNull(resolved);
        Assert.Equal(("youtube", "vid00000001", "18", false), (resolved.Platform, resolved.VideoId, resolved.Format.FormatId, resolved.RequiresProxy));
        Assert.EndsWith("/media/progressive.mp4", resolved.StreamUrl);
        Assert.Equal("/api/v2/stream/proxy/youtube/vid00000001?player=avpro", resolved.ProxyPath);
        Assert.NotNull(resolved.ExpiresAt);
    }

    [Fact]
    public async Task The_proxy_country_policy_decides_auto_mode_and_tells_callers_of_direct()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = streaming.Address };

        var fromChina = await Client.GetFromJsonAsync<ResolvedStream>("/api/v2/stream/direct/youtube/vid00000001?country=cn", ContractJson.Options);
        var fromGermany = await Client.GetFromJsonAsync<ResolvedStream>("/api/v2/stream/direct/youtube/vid00000001?country=DE", ContractJson.Options);
        using var autoChina = await client.GetAsync("/api/v2/stream/youtube/vid00000001?mode=auto&country=CN");
        using var autoGermany = await client.GetAsync("/api/v2/stream/youtube/vid00000001?mode=auto&country=DE");

        Assert.True(fromChina!.ProxyForViewer);
        Assert.False(fromGermany!.ProxyForViewer);
        Assert.Equal(HttpStatusCode.OK, autoChina.StatusCode);
        Assert.Equal(streaming.Media, await autoChina.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Redirect, autoGermany.StatusCode);
    }

    [Fact]
    public async Task A_format_that_needs_headers_redirects_to_the_proxy_which_sends_them()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = streaming.Address };

        using var redirect = await client.GetAsync("/api/v2/stream/bilibili/bilibili001");
        Assert.Equal("/api/v2/stream/proxy/bilibili/bilibili001", redirect.Headers.Location?.ToString());

        using var bytes = await Client.GetAsync(redirect.Headers.Location);
        Assert.Equal(streaming.Media, await bytes.Content.ReadAsByteArrayAsync());
        Assert.Contains(streaming.Cdn.RequestHeaders, h => h.GetValueOrDefault("Referer") == "https://www.bilibili.com/");
    }

    [Fact]
    public async Task Proxy_serves_the_whole_file_byte_for_byte()
    {
        using var response = await Client.GetAsync("/api/v2/stream/youtube/vid00000001?mode=proxy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.Equal(streaming.Media.Length, response.Content.Headers.ContentLength);
        Assert.Equal(streaming.Media, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Random_ranges_come_back_206_and_byte_for_byte()
    {
        var random = new Random(20261124);
        var length = streaming.Media.Length;
        for (var i = 0; i < 25; i++)
        {
            var from = random.Next(length);
            var to = Math.Min(length - 1, from + random.Next(1, 200_000));
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/stream/proxy/youtube/vid00000001") { Headers = { Range = new RangeHeaderValue(from, to) } };

            using var response = await Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal($"bytes {from}-{to}/{length}", response.Content.Headers.ContentRange?.ToString());
            Assert.Equal(streaming.Media.AsSpan(from, to - from + 1).ToArray(), await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Theory]
    [InlineData("bytes=-1000", true)]
    [InlineData("bytes=1000-", false)]
    public async Task Suffix_and_open_ranges_are_honoured(string range, bool suffix)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/stream/proxy/youtube/vid00000001");
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var expected = suffix ? streaming.Media[^1000..] : streaming.Media[1000..];
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_unsatisfiable_range_is_416()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/stream/proxy/youtube/vid00000001");
        request.Headers.TryAddWithoutValidation("Range", $"bytes={streaming.Media.Length + 10}-");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
    }

    [Fact]
    public async Task Head_answers_the_length_without_a_body()
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v2/stream/proxy/youtube/vid00000001"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(streaming.Media.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Ffprobe_reads_and_ffmpeg_seeks_through_the_proxy()
    {
        var url = new Uri(streaming.Address, "/api/v2/stream/proxy/youtube/vid00000001").ToString();

        var probe = await MediaFiles.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name:format=duration", "-of", "json", url]);
        using var json = JsonDocument.Parse(probe);
        var codecs = json.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_name").GetString()).ToList();
        Assert.Equal(["h264", "aac"], codecs);
        Assert.InRange(double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 5.5, 6.5);

        // A seek makes ffmpeg ask for a range in the middle of the file.
        var before = streaming.Cdn.RequestHeaders.Count;
        await MediaFiles.RunAsync("ffmpeg", ["-v", "error", "-ss", "4", "-i", url, "-t", "1", "-f", "null", "-"]);
        Assert.Contains(streaming.Cdn.RequestHeaders.Skip(before), h => h.GetValueOrDefault("Range") is { } range && range.StartsWith("bytes=", StringComparison.Ordinal) && range != "bytes=0-");
    }

    [Fact]
    public async Task An_expired_url_is_resolved_again_once_and_the_bytes_still_arrive()
    {
        streaming.Cdn.RefuseNext("expiring.mp4");
        var metadataBefore = streaming.MetadataCalls.Count(c => c.Contains("expiring001"));

        using var response = await Client.GetAsync("/api/v2/stream/proxy/youtube/expiring001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(streaming.Media, await response.Content.ReadAsByteArrayAsync());
        // Once to resolve, once more after the CDN refused the expired URL, asking metadata not to
        // answer with the URLs it holds.
        var calls = streaming.MetadataCalls.Where(c => c.Contains("expiring001", StringComparison.Ordinal)).ToList();
        Assert.Equal(metadataBefore + 2, calls.Count);
        Assert.EndsWith("/formats?fresh=true", calls[^1]);
    }

    [Fact]
    public async Task A_platform_that_is_down_is_answered_once_with_when_to_come_back()
    {
        using var response = await Client.GetAsync("/api/v2/stream/youtube/ytdown00001?mode=redirect");

        // Metadata's own 503 becomes the status of its code here: to the caller the dependency failed.
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(ErrorCodes.UpstreamUnavailable, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        // Passed on, so that legacy does not retry it either; and metadata, which had retried the
        // platform already, was asked once, not once per retry.
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Single(streaming.MetadataCalls, c => c.Contains("ytdown00001"));
    }

    [Fact]
    public async Task A_host_off_the_allow_list_is_never_contacted()
    {
        using var response = await Client.GetAsync("/api/v2/stream/proxy/youtube/offlist0001");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(ErrorCodes.UpstreamUnavailable, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_client_that_leaves_cancels_the_upstream_download()
    {
        using var response = await Client.GetAsync("/api/v2/stream/proxy/youtube/slowvideo01", HttpCompletionOption.ResponseHeadersRead);
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            var buffer = new byte[8192];
            Assert.True(await body.ReadAsync(buffer) > 0);
        }
        response.Dispose();

        await streaming.Cdn.SlowAborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_dead_video_keeps_metadatas_code_and_status()
    {
        using var response = await Client.GetAsync("/api/v2/stream/youtube/removedVid1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ErrorCodes.VideoUnavailable, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/api/v2/stream/youtube/vid00000001?format=best[height<=720", 400)]
    [InlineData("/api/v2/stream/youtube/vid00000001?quality=ultra", 400)]
    [InlineData("/api/v2/stream/youtube/vid00000001?mode=teleport", 400)]
    [InlineData("/api/v2/stream/youtube/vid00000001?format=best[height>5000]", 404)]
    public async Task Bad_requests_are_problems_with_their_status(string path, int status)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_malformed_format_expression_is_answered_with_where_it_went_wrong()
    {
        using var response = await Client.GetAsync("/api/v2/stream/youtube/vid00000001?format=best[height<=720");

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidRequest, problem.GetProperty("code").GetString());
        Assert.Equal("best[".Length - 1, problem.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Metrics_count_what_was_served()
    {
        (await Client.GetAsync("/api/v2/stream/proxy/youtube/vid00000001")).EnsureSuccessStatusCode();

        var metrics = await Client.GetFromJsonAsync<StreamMetricsResponse>("/api/v2/stream/metrics", ContractJson.Options);

        Assert.True(metrics!.Data.TotalBytesServed >= streaming.Media.Length);
        Assert.True(metrics.Data.TotalRequests >= 1);
        Assert.Equal(0, metrics.Data.ActiveStreams);
    }
}
