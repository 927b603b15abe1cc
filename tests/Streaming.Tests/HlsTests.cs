using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using VideoPlatform.Contracts;
using VideoPlatform.Streaming.Hls;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class HlsTests(StreamingFixture streaming)
{
    [Fact]
    public async Task Every_uri_of_the_rewritten_playlists_points_back_at_signed_segments()
    {
        var master = await streaming.Client.GetStringAsync("/api/v2/stream/youtube/live00000001?mode=hls");
        var variant = master.Split('\n').Single(l => l.StartsWith("/api/", StringComparison.Ordinal));
        var media = await streaming.Client.GetStringAsync(variant);

        Assert.StartsWith("#EXTM3U", master);
        Assert.DoesNotContain(streaming.Cdn.Address.Authority, master + media);
        var entries = media.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.True(entries.Count >= 3, media);
        Assert.All(entries, e => Assert.StartsWith("/api/v2/stream/segment/s.ts?token=", e));
    }

    [Fact]
    public async Task Ffprobe_plays_the_hls_stream_through_the_service()
    {
        var url = new Uri(streaming.Address, "/api/v2/stream/youtube/live00000001?mode=hls").ToString();

        var output = await MediaFiles.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name", "-of", "json", url]);

        using var json = JsonDocument.Parse(output);
        Assert.Equal(["h264", "aac"], json.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_name").GetString()));
        Assert.Contains(streaming.Cdn.Requests, r => r.StartsWith("GET /hls/seg000.ts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tampered_token_is_refused_with_403()
    {
        var master = await streaming.Client.GetStringAsync("/api/v2/stream/youtube/live00000001?mode=hls");
        var variant = master.Split('\n').Single(l => l.StartsWith("/api/", StringComparison.Ordinal));
        var tampered = variant[..^3] + (variant[^3] == 'A' ? 'B' : 'A') + variant[^2..];

        using var response = await streaming.Client.GetAsync(tampered);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ErrorCodes.Unauthorized, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("eyJ1IjoiaHR0cDovLzEyNy4wLjAuMS8ifQ.c2lnbmF0dXJl")]
    public async Task Tokens_this_service_did_not_sign_are_refused(string token)
    {
        using var response = await streaming.Client.GetAsync($"/api/v2/stream/segment?token={token}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void An_expired_token_is_refused_and_a_fresh_one_accepted()
    {
        var tokens = SignedTokens.Segments("test-key");
        var url = new Uri("https://rr1---sn-x.googlevideo.com/seg1.ts");

        var expired = tokens.Sign(url, new Dictionary<string, string>(), DateTimeOffset.UtcNow.AddSeconds(-1));
        var fresh = tokens.Sign(url, new Dictionary<string, string> { ["Referer"] = "https://www.bilibili.com/" });

        Assert.Equal(403, Assert.Throws<ProblemException>(() => tokens.Verify(expired)).Status);
        var verified = tokens.Verify(fresh);
        Assert.Equal(url, verified.Url);
        Assert.Equal("https://www.bilibili.com/", verified.Headers["Referer"]);
    }

    [Fact]
    public void A_token_signed_with_another_key_is_refused()
    {
        var ours = SignedTokens.Segments("ours");
        var theirs = SignedTokens.Segments("theirs");

        var token = theirs.Sign(new Uri("http://127.0.0.1/admin"), new Dictionary<string, string>());

        Assert.Throws<ProblemException>(() => ours.Verify(token));
    }
}
