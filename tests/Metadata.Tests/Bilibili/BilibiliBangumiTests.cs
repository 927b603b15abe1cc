using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.Bilibili;

public sealed class BilibiliBangumiTests : MetadataOverFakeBilibili
{
    [Fact]
    public async Task An_episode_has_its_seasons_details_and_its_streams()
    {
        var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/bilibili/ep330798", ContractJson.Options);

        Assert.NotNull(info);
        Assert.Equal(("ep330798", "bilibili", "约会大作战 第一季 第1话 十香", "人类与精灵的相遇。", 1420.0), (info.Id, info.Platform, info.Title, info.Description, info.Duration!.Value));
        Assert.Equal(("哔哩哔哩番剧", "928123", "https://space.bilibili.com/928123"), (info.Uploader, info.ChannelId, info.ChannelUrl));
        Assert.Equal((7700000L, 44000L, "20240101", "番剧"), (info.ViewCount!.Value, info.LikeCount!.Value, info.UploadDate, info.Category));
        Assert.Equal("https://i0.hdslb.com/bfs/archive/ep330798.png", info.Thumbnail);
        Assert.Equal(["80-avc", "64-avc", "30280"], info.Formats.Select(f => f.FormatId));
        var hd = info.Formats[0];
        Assert.Equal(("1080P", 1920, 1080, "https://www.bilibili.com/"), (hd.QualityLabel, hd.Width!.Value, hd.Height!.Value, hd.HttpHeaders["Referer"]));
        Assert.Contains("/upgcxcode/pgc/v80-7.m4s", hd.Url);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(4102444800), info.ExpiresAt);
        Assert.Equal(
            ["GET /pgc/view/web/season?ep_id=330798", "GET /pgc/player/web/playurl?ep_id=330798&cid=900001&qn=127&fnval=4048&fnver=0&fourk=1"],
            Bilibili.ContentRequests);
    }

    [Fact]
    public async Task The_bv_id_of_an_episode_is_extracted_as_the_episode_its_view_points_at()
    {
        var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/bilibili/BV1Sx411c77M", ContractJson.Options);

        Assert.Equal(("BV1Sx411c77M", "约会大作战 第一季 第1话 十香", "番剧"), (info!.Id, info.Title, info.Category));
        Assert.Equal(["80-avc", "64-avc", "30280"], info.Formats.Select(f => f.FormatId));
        Assert.Equal(
            ["GET /x/web-interface/view?bvid=BV1Sx411c77M", "GET /pgc/view/web/season?ep_id=330798", "GET /pgc/player/web/playurl?ep_id=330798&cid=900001&qn=127&fnval=4048&fnver=0&fourk=1"],
            Bilibili.ContentRequests);
    }

    [Theory]
    [InlineData("ep330800", HttpStatusCode.PaymentRequired, ErrorCodes.PaymentRequired, "大会员")]
    [InlineData("ep330801", HttpStatusCode.PaymentRequired, ErrorCodes.PaymentRequired, "preview")]
    [InlineData("ep400001", (HttpStatusCode)451, ErrorCodes.GeoRestricted, "region")]
    [InlineData("ep999999", HttpStatusCode.NotFound, ErrorCodes.VideoUnavailable, "啥都木有")]
    public async Task Members_only_paid_region_locked_and_missing_episodes_have_their_codes(string id, HttpStatusCode status, string code, string detail)
    {
        using var response = await Client.GetAsync($"/api/v2/videos/bilibili/{id}/formats");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_season_is_the_playlist_of_its_episodes()
    {
        var playlist = await Client.GetFromJsonAsync<Playlist>("/api/v2/playlists/bilibili/ss28747?limit=3", ContractJson.Options);

        Assert.NotNull(playlist);
        Assert.Equal(("ss28747", "约会大作战 第一季", "人类与精灵的相遇。", "哔哩哔哩番剧", "928123", 4, "3"),
            (playlist.Id, playlist.Title, playlist.Description, playlist.Author, playlist.ChannelId, playlist.VideoCount!.Value, playlist.NextCursor));
        Assert.Equal(
            [
                new PlaylistItem("ep330798", "第1话 十香", 1420, "https://i0.hdslb.com/bfs/archive/ep330798.png", "哔哩哔哩番剧", 1),
                new PlaylistItem("ep330799", "第2话 四糸乃", 1421.5, "https://i0.hdslb.com/bfs/archive/ep330799.png", "哔哩哔哩番剧", 2),
                new PlaylistItem("ep330800", "第3话 狂三", 1419, "https://i0.hdslb.com/bfs/archive/ep330800.png", "哔哩哔哩番剧", 3),
            ],
            playlist.Items);
    }

    [Fact]
    public async Task A_season_bilibili_does_not_have_is_not_found()
    {
        using var response = await Client.GetAsync("/api/v2/playlists/bilibili/ss1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ErrorCodes.NotFound, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("https://www.bilibili.com/bangumi/play/ep330798", "video", "ep330798")]
    [InlineData("https://m.bilibili.com/bangumi/play/ep330798/?from=search", "video", "ep330798")]
    [InlineData("https://www.bilibili.com/bangumi/play/ss28747", "playlist", "ss28747")]
    [InlineData("https://b23.tv/epLink01", "video", "ep330798")]
    public async Task Bangumi_urls_resolve_to_episodes_and_seasons(string url, string kind, string id)
    {
        var resolved = await Client.GetFromJsonAsync<ResolvedUrl>("/api/v2/resolve?url=" + Uri.EscapeDataString(url), ContractJson.Options);

        Assert.Equal(new ResolvedUrl("bilibili", kind, id), resolved);
    }

    [Theory]
    [InlineData("ep0")]
    [InlineData("ep12345678901")]
    [InlineData("ss28747")]
    [InlineData("EP330798")]
    public async Task Malformed_episode_ids_are_refused_without_a_request(string id)
    {
        using var response = await Client.GetAsync($"/api/v2/videos/bilibili/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Bilibili.Requests);
    }
}
