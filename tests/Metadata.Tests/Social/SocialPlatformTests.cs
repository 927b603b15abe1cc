using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Metadata.Tests.Social;

/// <summary>Twitch, Twitter/X and Instagram through the metadata API, against fake upstreams on loopback.</summary>
public sealed class SocialPlatformTests : IAsyncLifetime
{
    private static string Fixture(string name) => FixtureTemplate.Apply(FixtureFiles.Read("Social", name));

    private LoopbackServer _twitch = null!;
    private LoopbackServer _twitter = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _twitch = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapPost("/gql", async (HttpRequest request) =>
            {
                var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
                var variables = body.GetProperty("variables");
                if (request.Headers["Client-Id"] != "kimne78kx3ncx6brgo4mv6wki5h1ko")
                {
                    return Results.StatusCode(401);
                }
                return variables.TryGetProperty("id", out var id)
                    ? id.GetString() == "2012345678"
                        ? Results.Text(Fixture("twitch-vod.json"), "application/json")
                        : Results.Text("""{"data":{"video":null,"videoPlaybackAccessToken":null}}""", "application/json")
                    : Results.Text(Fixture("twitch-clip.json"), "application/json");
            });
            routes.MapGet("/vod/2012345678.m3u8", (HttpRequest request) =>
                request.Query["sig"] == "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c" && request.Query["token"].ToString().Contains("\"vod_id\":2012345678")
                    ? Results.Text(Fixture("twitch-vod-master.m3u8"), "application/vnd.apple.mpegurl")
                    : Results.StatusCode(403));
        });
        _twitter = await LoopbackServer.StartAsync(routes => routes.MapGet("/tweet-result", (HttpRequest request) =>
            request.Query["token"] == "3y6mctgwzxo" && request.Query["id"] == "1629307668568633344" ? Results.Text(Fixture("twitter-video.json"), "application/json")
            : request.Query["id"] == "1870000000000000000" ? Results.Text(Fixture("twitter-tombstone.json"), "application/json")
            : Results.NotFound()));

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Platforms:Twitch:GqlUrl", new Uri(_twitch.Address, "/gql").ToString())
            .UseSetting("Platforms:Twitch:UsherUrl", _twitch.Address.ToString())
            .UseSetting("Platforms:Twitter:SyndicationUrl", _twitter.Address.ToString()));
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _twitch.DisposeAsync();
        await _twitter.DisposeAsync();
    }

    [Theory]
    [InlineData("https://www.twitch.tv/videos/2012345678", "twitch", "2012345678")]
    [InlineData("https://m.twitch.tv/videos/2012345678?t=1h2m", "twitch", "2012345678")]
    [InlineData("https://www.twitch.tv/speedy/v/2012345678", "twitch", "2012345678")]
    [InlineData("https://clips.twitch.tv/AwkwardHelplessSalamanderSwiftRage", "twitch", "AwkwardHelplessSalamanderSwiftRage")]
    [InlineData("https://www.twitch.tv/speedy/clip/Slug-AbC123_x?filter=clips", "twitch", "Slug-AbC123_x")]
    [InlineData("https://clips.twitch.tv/embed?clip=AwkwardHelplessSalamanderSwiftRage&parent=example.com", "twitch", "AwkwardHelplessSalamanderSwiftRage")]
    [InlineData("https://x.com/spaceagency/status/1629307668568633344", "twitter", "1629307668568633344")]
    [InlineData("https://twitter.com/spaceagency/status/1629307668568633344/video/1", "twitter", "1629307668568633344")]
    [InlineData("https://mobile.twitter.com/i/web/status/1629307668568633344?s=20", "twitter", "1629307668568633344")]
    [InlineData("https://www.instagram.com/reel/C0dEfGhIjKl/", "instagram", "C0dEfGhIjKl")]
    [InlineData("https://www.instagram.com/p/C0dEfGhIjKl/?igsh=abc", "instagram", "C0dEfGhIjKl")]
    public async Task Pasted_urls_resolve_without_calling_the_platform(string url, string platform, string id)
    {
        var resolved = await _client.GetFromJsonAsync<ResolvedUrl>($"/api/v2/resolve?url={Uri.EscapeDataString(url)}", ContractJson.Options);

        Assert.Equal(new ResolvedUrl(platform, "video", id), resolved);
        Assert.Empty(_twitch.Requests);
        Assert.Empty(_twitter.Requests);
    }

    [Fact]
    public async Task A_twitch_vod_has_its_details_and_one_hls_format_per_rendition()
    {
        var info = await _client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/twitch/2012345678", ContractJson.Options);

        Assert.NotNull(info);
        Assert.Equal("Speedrun practice, any% glitchless", info.Title);
        Assert.Equal(7265, info.Duration);
        Assert.Equal("Speedy", info.Uploader);
        Assert.Equal("123456789", info.ChannelId);
        Assert.Equal("https://www.twitch.tv/speedy", info.ChannelUrl);
        Assert.Equal(48213, info.ViewCount);
        Assert.Equal("20261002", info.UploadDate);
        Assert.Equal("Super Mario 64", info.Category);
        Assert.Equal(FixtureTemplate.ExpiresAt, info.ExpiresAt);

        Assert.Equal(["1080p60", "720p60", "Audio_Only"], info.Formats.Select(f => f.FormatId));
        var source = info.Formats[0];
        Assert.Equal(("hls", 1920, 1080, 60.0, 8534030L), (source.Protocol, source.Width, source.Height, source.Fps, source.Bitrate));
        Assert.Equal(("avc1.64002A", "mp4a.40.2"), (source.Vcodec, source.Acodec));
        Assert.Equal(new Uri(_twitch.Address, "/vod/chunked/index-dvr.m3u8"), new Uri(source.Url));
        var audio = info.Formats[2];
        Assert.Equal((false, true, "none"), (audio.HasVideo, audio.HasAudio, audio.Vcodec));
    }

    [Fact]
    public async Task A_twitch_vod_formats_name_the_signed_master_playlist()
    {
        var formats = await _client.GetFromJsonAsync<FormatList>("/api/v2/videos/twitch/2012345678/formats", ContractJson.Options);

        Assert.NotNull(formats?.HlsManifestUrl);
        var master = new Uri(formats.HlsManifestUrl);
        Assert.Equal("/vod/2012345678.m3u8", master.AbsolutePath);
        Assert.Contains("sig=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", master.Query);
    }

    [Fact]
    public async Task A_twitch_clip_lists_signed_mp4s_best_first()
    {
        var info = await _client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/twitch/AwkwardHelplessSalamanderSwiftRage", ContractJson.Options);

        Assert.NotNull(info);
        Assert.Equal(("The jump that should not work", 28.0, "Speedy"), (info.Title, info.Duration!.Value, info.Uploader));
        Assert.Equal([1080, 720, 360], info.Formats.Select(f => f.Height!.Value));
        var best = info.Formats[0];
        Assert.StartsWith("https://production.assets.clips.twitchcdn.net/v2/media/abc/video-1080.mp4?sig=aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44&token=", best.Url);
        Assert.Equal(("https", "mp4", 1920, 60.0, true, true), (best.Protocol, best.Ext, best.Width!.Value, best.Fps!.Value, best.HasVideo, best.HasAudio));
    }

    [Fact]
    public async Task A_missing_twitch_vod_is_video_unavailable()
    {
        using var response = await _client.GetAsync("/api/v2/videos/twitch/999999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ErrorCodes.VideoUnavailable, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_video_tweet_lists_mp4_renditions_best_first_then_hls()
    {
        var info = await _client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/twitter/1629307668568633344", ContractJson.Options);

        Assert.NotNull(info);
        Assert.Equal("Our rover just sent back this clip from the crater rim. Sound on.", info.Title);
        Assert.Equal(44.044, info.Duration);
        Assert.Equal(("Space Agency", "https://x.com/spaceagency", 18211L, "20260914"), (info.Uploader, info.ChannelUrl, info.LikeCount!.Value, info.UploadDate));
        Assert.Equal([(1280, 720, 2176000L), (640, 360, 832000L), (480, 270, 256000L)],
            info.Formats.Where(f => f.Protocol == "https").Select(f => (f.Width!.Value, f.Height!.Value, f.Bitrate!.Value)));
        Assert.Equal("hls", info.Formats[^1].Protocol);
    }

    [Fact]
    public async Task An_age_restricted_tweet_says_so()
    {
        using var response = await _client.GetAsync("/api/v2/videos/twitter/1870000000000000000");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ErrorCodes.AgeRestricted, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_deleted_tweet_is_video_unavailable()
    {
        using var response = await _client.GetAsync("/api/v2/videos/twitter/1111111111111111111");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ErrorCodes.VideoUnavailable, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Instagram_answers_login_required_without_calling_instagram()
    {
        using var response = await _client.GetAsync("/api/v2/videos/instagram/C0dEfGhIjKl");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ErrorCodes.LoginRequired, problem.GetProperty("code").GetString());
        Assert.Contains("logged-in", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("twitch", "../etc/passwd")]
    [InlineData("twitter", "12ab")]
    [InlineData("instagram", "a")]
    public async Task Malformed_ids_are_refused_before_any_upstream_call(string platform, string id)
    {
        using var response = await _client.GetAsync($"/api/v2/videos/{platform}/{Uri.EscapeDataString(id)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidVideoId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty(_twitch.Requests);
        Assert.Empty(_twitter.Requests);
    }
}

public sealed class SyndicationTokenTests
{
    // Expected values computed by node (V8): ((Number(id) / 1e15) * Math.PI).toString(36).replace(/(0+|\.)/g, '')
    [Theory]
    [InlineData("20", "6dq1a2xwd93")]
    [InlineData("1629307668568633344", "3y6mctgwzxo")]
    [InlineData("1870000000000000000", "4j6smlnxuh")]
    [InlineData("463440424141459456", "14fxvks611f")]
    [InlineData("1234567890123456789", "2zqic77uqyk")]
    public void The_token_matches_what_javascript_computes(string tweetId, string token)
    {
        Assert.Equal(token, Extractors.Twitter.SyndicationToken.For(tweetId));
    }
}
