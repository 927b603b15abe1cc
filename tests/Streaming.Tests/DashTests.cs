using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Hosting;
using VideoPlatform.Contracts;
using VideoPlatform.Streaming.Hls;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class DashTests(StreamingFixture streaming)
{
    private static readonly XNamespace Mpd = "urn:mpeg:dash:schema:mpd:2011";

    [Fact]
    public async Task The_mpd_lists_the_adaptive_formats_with_codecs_sizes_and_segment_ranges()
    {
        using var response = await streaming.Client.GetAsync("/api/v2/stream/dash/youtube/dash00000001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/dash+xml", response.Content.Headers.ContentType?.MediaType);
        var mpd = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Mpd + "MPD", mpd.Root!.Name);
        Assert.Equal("static", mpd.Root.Attribute("type")?.Value);
        Assert.Equal("PT6S", mpd.Root.Attribute("mediaPresentationDuration")?.Value);

        var sets = mpd.Descendants(Mpd + "AdaptationSet").ToList();
        Assert.Equal([("video", "video/mp4"), ("audio", "audio/mp4")], sets.Select(s => (s.Attribute("contentType")!.Value, s.Attribute("mimeType")!.Value)));
        // The muxed progressive format (itag 18) is not adaptive and stays out.
        var representations = mpd.Descendants(Mpd + "Representation").ToList();
        Assert.Equal(["134", "140"], representations.Select(r => r.Attribute("id")!.Value));

        var video = representations[0];
        Assert.Equal(("avc1.42C01E", "250000", "640", "360", "25"),
            (video.Attribute("codecs")!.Value, video.Attribute("bandwidth")!.Value, video.Attribute("width")!.Value, video.Attribute("height")!.Value, video.Attribute("frameRate")!.Value));
        var (init, index) = MediaFiles.SegmentRanges(streaming.DashVideo);
        var segmentBase = video.Element(Mpd + "SegmentBase")!;
        Assert.Equal(index, segmentBase.Attribute("indexRange")?.Value);
        Assert.Equal(init, segmentBase.Element(Mpd + "Initialization")?.Attribute("range")?.Value);

        var audio = representations[1];
        Assert.Equal(("mp4a.40.2", "96000", "44100"), (audio.Attribute("codecs")!.Value, audio.Attribute("bandwidth")!.Value, audio.Attribute("audioSamplingRate")!.Value));
        Assert.Equal("1", audio.Element(Mpd + "AudioChannelConfiguration")?.Attribute("value")?.Value);

        // Every file is named by a token this service signed, never by the CDN's own URL.
        var baseUrls = mpd.Descendants(Mpd + "BaseURL").Select(b => b.Value).ToList();
        Assert.Equal(2, baseUrls.Count);
        Assert.All(baseUrls, url => Assert.Matches(@"^/api/v2/stream/segment/s\.(mp4|m4a)\?token=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$", url));
        Assert.DoesNotContain(streaming.Cdn.Address.Authority, mpd.ToString());
    }

    [Fact]
    public async Task The_init_and_index_ranges_fetched_through_the_base_url_are_the_files_own_bytes()
    {
        var mpd = XDocument.Parse(await streaming.Client.GetStringAsync("/api/v2/stream/youtube/dash00000001?mode=dash"));
        var video = mpd.Descendants(Mpd + "Representation").First(r => r.Attribute("id")?.Value == "134");
        var baseUrl = video.Element(Mpd + "BaseURL")!.Value;
        var segmentBase = video.Element(Mpd + "SegmentBase")!;

        foreach (var range in new[] { segmentBase.Element(Mpd + "Initialization")!.Attribute("range")!.Value, segmentBase.Attribute("indexRange")!.Value })
        {
            var (from, to) = (long.Parse(range.Split('-')[0], CultureInfo.InvariantCulture), long.Parse(range.Split('-')[1], CultureInfo.InvariantCulture));
            using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl) { Headers = { Range = new RangeHeaderValue(from, to) } };

            using var response = await streaming.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(streaming.DashVideo.AsSpan((int)from, (int)(to - from + 1)).ToArray(), await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Ffprobe_and_ffmpeg_play_the_dash_manifest_through_the_service()
    {
        var url = new Uri(streaming.Address, "/api/v2/stream/youtube/dash00000001?mode=dash").ToString();

        var probe = await MediaFiles.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,width,height:format=duration", "-of", "json", url]);

        using var json = JsonDocument.Parse(probe);
        var streams = json.RootElement.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(["h264", "aac"], streams.Select(s => s.GetProperty("codec_name").GetString()));
        Assert.Equal(640, streams[0].GetProperty("width").GetInt32());
        Assert.InRange(double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture), 5.5, 6.5);

        // ffmpeg decodes both files to the end, every byte fetched from the CDN through the service.
        await MediaFiles.RunAsync("ffmpeg", ["-v", "error", "-i", url, "-map", "0", "-f", "null", "-"]);
        Assert.Contains(streaming.Cdn.Requests, r => r.StartsWith("GET /media/dash-video.mp4", StringComparison.Ordinal));
        Assert.Contains(streaming.Cdn.Requests, r => r.StartsWith("GET /media/dash-audio.m4a", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", new[] { "136", "134", "140" })]
    [InlineData("?quality=720p", new[] { "136", "134", "140" })]
    [InlineData("?quality=480p", new[] { "134", "140" })]
    // Nothing as short: the shortest there is, as quality=144p picks the worst format elsewhere.
    [InlineData("?quality=144p", new[] { "134", "140" })]
    [InlineData("?quality=audio", new[] { "140" })]
    public async Task The_mpd_offers_no_video_taller_than_the_quality_asked_for(string query, string[] representations)
    {
        var mpd = XDocument.Parse(await streaming.Client.GetStringAsync($"/api/v2/stream/dash/youtube/dash00000002{query}"));

        Assert.Equal(representations, mpd.Descendants(Mpd + "Representation").Select(r => r.Attribute("id")!.Value));
    }

    [Fact]
    public async Task A_file_the_cdn_refuses_is_resolved_again_and_served()
    {
        var baseUrl = await FileUrlAsync("dash00000001", "134");
        var asked = streaming.MetadataCalls.Count(c => c.Contains("dash00000001", StringComparison.Ordinal));
        streaming.Cdn.RefuseNext("dash-video.mp4");

        using var response = await FirstBytesAsync(baseUrl);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(streaming.DashVideo[..100], await response.Content.ReadAsByteArrayAsync());
        // The formats this service held still named the refused URL: metadata was asked again, once.
        Assert.Equal(asked + 1, streaming.MetadataCalls.Count(c => c.Contains("dash00000001", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_refused_dubbed_track_is_resolved_again_as_that_track_not_another_language_of_its_itag()
    {
        var german = await FileUrlAsync("dashdubbed01", "140-de");
        var before = streaming.Cdn.Requests.Count;
        streaming.Cdn.RefuseNext("dash-audio-de.m4a");

        using var response = await FirstBytesAsync(german);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        // Refused, then fetched again from the German track's URL, never from the English one.
        Assert.Equal(["GET /media/dash-audio-de.m4a", "GET /media/dash-audio-de.m4a"], streaming.Cdn.Requests.Skip(before));
    }

    [Fact]
    public async Task A_file_whose_url_has_expired_is_fetched_from_its_new_url_without_trying_the_old()
    {
        var baseUrl = await FileUrlAsync("dashexpired1", "134");
        var named = streaming.ExpiredAnswers;

        using var response = await FirstBytesAsync(baseUrl);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(streaming.DashVideo[..100], await response.Content.ReadAsByteArrayAsync());
        Assert.True(streaming.ExpiredAnswers > named, "the formats were not asked for again");
        Assert.DoesNotContain($"GET /media/dash-video.mp4?n={named}", streaming.Cdn.Requests);
        Assert.Contains($"GET /media/dash-video.mp4?n={streaming.ExpiredAnswers}", streaming.Cdn.Requests);
    }

    [Fact]
    public void A_file_token_outlives_its_url_and_names_the_format()
    {
        var tokens = SignedTokens.Segments("test-key");
        var url = new Uri("https://rr1---sn-x.googlevideo.com/videoplayback?itag=134");
        var expired = DateTimeOffset.UtcNow.AddMinutes(-1);

        var entry = tokens.Verify(tokens.Sign(new MediaFile("youtube", "dQw4w9WgXcQ", "134"), url, new Dictionary<string, string>(), expired));

        Assert.Equal(url, entry.Url);
        Assert.Equal(new MediaFile("youtube", "dQw4w9WgXcQ", "134"), entry.File);
        Assert.Equal(expired.ToUnixTimeSeconds(), entry.UrlExpiresAt?.ToUnixTimeSeconds());
        // A playlist entry's token carries no format and still dies with its URL.
        Assert.Null(tokens.Verify(tokens.Sign(url, new Dictionary<string, string>())).File);
        Assert.Equal(403, Assert.Throws<ProblemException>(() => tokens.Verify(tokens.Sign(url, new Dictionary<string, string>(), expired))).Status);
    }

    [Fact]
    public async Task A_video_without_adaptive_formats_has_no_dash_manifest()
    {
        using var response = await streaming.Client.GetAsync("/api/v2/stream/dash/youtube/slowvideo01");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ErrorCodes.NoMatchingFormat, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    /// <summary>The <c>BaseURL</c> the MPD of <paramref name="videoId"/> gives its representation <paramref name="representation"/>.</summary>
    private async Task<string> FileUrlAsync(string videoId, string representation)
    {
        var mpd = XDocument.Parse(await streaming.Client.GetStringAsync($"/api/v2/stream/dash/youtube/{videoId}"));
        return mpd.Descendants(Mpd + "Representation").Single(r => r.Attribute("id")?.Value == representation).Element(Mpd + "BaseURL")!.Value;
    }

    /// <summary>The first 100 bytes of a manifest's file, asked through the service by range as a player asks.</summary>
    private async Task<HttpResponseMessage> FirstBytesAsync(string fileUrl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, fileUrl) { Headers = { Range = new RangeHeaderValue(0, 99) } };
        return await streaming.Client.SendAsync(request);
    }
}
