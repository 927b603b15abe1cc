using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Cookies;
using VideoPlatform.Metadata.Extractors.Instagram;

namespace VideoPlatform.Metadata.Tests.Social;

public sealed class InstagramWithSessionTests : MetadataOverFakeInstagram
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Platforms:Instagram:Cookies"] = "sessionid=good; csrftoken=tok3n; ds_user_id=51234567",
    };

    [Fact]
    public void A_short_code_is_the_base_64_of_the_media_pk()
    {
        Assert.Equal(ReelPk, InstagramExtractor.MediaPk("C0dEfGhIjKl"));
        Assert.Equal(PhotoPk, InstagramExtractor.MediaPk("C1PhotoOnly"));
    }

    [Fact]
    public async Task A_reel_has_its_details_and_renditions_through_the_configured_session()
    {
        var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/instagram/C0dEfGhIjKl", ContractJson.Options);

        Assert.NotNull(info);
        Assert.Equal(("C0dEfGhIjKl", "instagram", "Sunset over the harbour 🌅", "Sunset over the harbour 🌅\nShot on a phone, no filter.", 14.933),
            (info.Id, info.Platform, info.Title, info.Description, info.Duration!.Value));
        Assert.Equal(("Harbour Lights", "51234567", "https://www.instagram.com/harbour.lights/"), (info.Uploader, info.ChannelId, info.ChannelUrl));
        Assert.Equal((120345L, 8421L, "20240914", true), (info.ViewCount!.Value, info.LikeCount!.Value, info.UploadDate, info.IsShort));
        Assert.Equal([(1080, 1920), (640, 1138)], info.Thumbnails.Select(t => (t.Width!.Value, t.Height!.Value)));
        Assert.Equal(info.Thumbnails[0].Url, info.Thumbnail);
        Assert.Equal([("101", 720, 1280, "720p"), ("102", 480, 854, "480p")], info.Formats.Select(f => (f.FormatId, f.Width!.Value, f.Height!.Value, f.QualityLabel)));
        var best = info.Formats[0];
        Assert.Equal("https://scontent-fra5-1.cdninstagram.com/o1/v/t16/f2/m86/reel_720.mp4?efg=abc&oh=00_AYB&oe=6E5D6A00", best.Url);
        Assert.Equal(("mp4", "avc1", "mp4a.40.2", true, true, "https"), (best.Ext, best.Vcodec, best.Acodec, best.HasVideo, best.HasAudio, best.Protocol));
        Assert.Empty(best.HttpHeaders);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(0x6E5D6A00), info.ExpiresAt);
        Assert.Equal([$"GET /api/v1/media/{ReelPk}/info/"], Instagram.Requests);
    }

    [Fact]
    public async Task A_photo_post_has_no_matching_format()
    {
        using var response = await Client.GetAsync("/api/v2/videos/instagram/C1PhotoOnly/formats");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ErrorCodes.NoMatchingFormat, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_post_instagram_does_not_have_is_video_unavailable()
    {
        using var response = await Client.GetAsync("/api/v2/videos/instagram/CzzzzzzzzzA");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ErrorCodes.VideoUnavailable, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_auth_status_names_the_configured_cookies_but_never_their_values()
    {
        using var response = await Client.GetAsync("/api/v2/auth/status");
        var body = await response.Content.ReadAsStringAsync();
        var statuses = JsonSerializer.Deserialize<List<PlatformCookieStatus>>(body, ContractJson.Options)!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["youtube", "bilibili", "twitch", "twitter", "instagram"], statuses.Select(s => s.Platform));
        var instagram = statuses.Single(s => s.Platform == "instagram");
        Assert.Equal((true, true, "configuration", "sessionid", true), (instagram.Used, instagram.Configured, instagram.Source, instagram.SessionCookie, instagram.HasSession));
        Assert.Equal(["sessionid", "csrftoken", "ds_user_id"], instagram.CookieNames);
        var bilibili = statuses.Single(s => s.Platform == "bilibili");
        Assert.Equal((true, false, null, false), (bilibili.Used, bilibili.Configured, bilibili.Source, bilibili.HasSession));
        Assert.Contains("Platforms:Bilibili:Cookies", bilibili.HowToSupply);
        Assert.False(statuses.Single(s => s.Platform == "twitch").Used);
        Assert.DoesNotContain("good", body);
        Assert.DoesNotContain("tok3n", body);
    }

    [Fact]
    public async Task The_platforms_list_says_instagram_is_supported_once_a_session_is_configured()
    {
        var platforms = await Client.GetFromJsonAsync<PlatformList>("/api/v2/platforms", ContractJson.Options);

        Assert.Equal("supported", platforms!.Platforms.Single(p => p.Name == "instagram").Status);
    }
}
