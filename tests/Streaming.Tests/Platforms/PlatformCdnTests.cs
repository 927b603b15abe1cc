using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.Streaming.Tests.Platforms;

/// <summary>Twitch, X and Instagram streams play through the service from their own CDNs, allowed by default.</summary>
public sealed class PlatformCdnTests(PlatformCdnFixture platforms) : IClassFixture<PlatformCdnFixture>
{
    [Theory]
    [InlineData("twitch", PlatformCdnFixture.TwitchVod, "hls", "d2nvs31859zcd8.cloudfront.net")]
    [InlineData("twitch", PlatformCdnFixture.TwitchClip, "proxy", "production.assets.clips.twitchcdn.net")]
    [InlineData("twitter", PlatformCdnFixture.Tweet, "proxy", "video.twimg.com")]
    [InlineData("twitter", PlatformCdnFixture.Tweet, "hls", "video.twimg.com")]
    [InlineData("instagram", PlatformCdnFixture.Reel, "proxy", "scontent-fra5-1.cdninstagram.com")]
    public async Task Ffprobe_plays_the_stream_from_the_platforms_own_cdn_through_the_service(string platform, string id, string mode, string cdnHost)
    {
        var url = new Uri(platforms.Address, $"/api/v2/stream/{platform}/{id}?mode={mode}").ToString();

        var output = await MediaFiles.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name", "-of", "json", url]);

        using var json = JsonDocument.Parse(output);
        Assert.Equal(["h264", "aac"], json.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_name").GetString()));
        Assert.Contains(platforms.Cdn.Requests, r => r.Host == cdnHost && r.Status is 200 or 206);
        Assert.DoesNotContain(platforms.Cdn.Requests, r => r.Host == cdnHost && r.Status == 403);
    }

    [Fact]
    public async Task A_cdn_host_off_the_default_list_is_refused_without_being_contacted()
    {
        using var response = await platforms.Client.GetAsync($"/api/v2/stream/instagram/{PlatformCdnFixture.Elsewhere}?mode=proxy");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(ErrorCodes.UpstreamUnavailable, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.DoesNotContain(platforms.Cdn.Requests, r => r.Host == "d111111abcdef8.cloudfront.net");
    }
}
