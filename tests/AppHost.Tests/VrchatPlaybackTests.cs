using System.Net;
using System.Text.Json;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// The user story end to end, through the whole composition: a world video player is given the
/// legacy URL with a pasted YouTube link, follows the redirect, and plays real media.
/// YouTube and its CDN are fakes on loopback; everything else is the real thing.
/// </summary>
[Collection(CompositionCollection.Name)]
public sealed class VrchatPlaybackTests(CompositionFixture playback)
{
    private DistributedApplication _app => playback.App;
    private FakeCdn _cdn => playback.Cdn;

    [Fact]
    public async Task A_pasted_youtube_link_plays_in_ffprobe_through_the_legacy_vrchat_route()
    {
        var legacy = _app.GetEndpoint("legacy");
        // Unencoded, as world players send it.
        var url = $"{legacy}api/vrchat/stream?url=https://youtu.be/dQw4w9WgXcQ?t=10&quality=720p";

        var probe = await MediaFiles.RunAsync("ffprobe",
            ["-v", "error", "-user_agent", "AVProMobileVideo/2.9.3 (Linux;Android 12) ExoPlayerLib/2.18.1",
             "-show_entries", "stream=codec_name,width,height:format=duration", "-of", "json", url]);

        using var json = JsonDocument.Parse(probe);
        var streams = json.RootElement.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(["h264", "aac"], streams.Select(s => s.GetProperty("codec_name").GetString()));
        Assert.Equal(640, streams[0].GetProperty("width").GetInt32());
        // The player was sent to the muxed itag 18, the one format a world player can play.
        Assert.Contains(_cdn.Requests, r => r.StartsWith("GET /videoplayback?", StringComparison.Ordinal) && r.Contains("itag=18"));
    }

    [Fact]
    public async Task The_proxied_form_plays_too_and_a_dead_video_is_a_403_line()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.GetEndpoint("legacy") };

        using var proxied = await client.GetAsync("/api/vrchat/stream?url=https://www.youtube.com/watch?v=dQw4w9WgXcQ&format=proxy");
        Assert.Equal(HttpStatusCode.Redirect, proxied.StatusCode);
        var proxyUrl = proxied.Headers.Location!;
        Assert.Equal(_app.GetEndpoint("streaming").Port, proxyUrl.Port);
        var probe = await MediaFiles.RunAsync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", proxyUrl.ToString()]);
        Assert.InRange(double.Parse(probe.Trim(), System.Globalization.CultureInfo.InvariantCulture), 5.5, 6.5);

        using var dead = await client.GetAsync("/api/vrchat/stream?url=https://youtu.be/removedVid1");
        Assert.Equal(HttpStatusCode.Forbidden, dead.StatusCode);
        Assert.Equal("text/plain", dead.Content.Headers.ContentType?.MediaType);
        Assert.Contains("unavailable", await dead.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
