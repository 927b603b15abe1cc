using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.Bilibili;

public sealed class BilibiliPlaylistTests : MetadataOverFakeBilibili
{
    [Fact]
    public async Task A_multi_part_video_is_the_playlist_of_its_parts()
    {
        var playlist = await Client.GetFromJsonAsync<Playlist>("/api/v2/playlists/bilibili/BV1GJ411x7h7", ContractJson.Options);

        Assert.NotNull(playlist);
        Assert.Equal(("BV1GJ411x7h7", "bilibili", "三部曲合集", "视频简介", "碧诗", "2", 3),
            (playlist.Id, playlist.Platform, playlist.Title, playlist.Description, playlist.Author, playlist.ChannelId, playlist.VideoCount!.Value));
        const string cover = "https://i0.hdslb.com/bfs/archive/bv1gj411x7h7.jpg";
        Assert.Equal(
            [
                new PlaylistItem("BV1GJ411x7h7", "序章", 60, cover, "碧诗", 1),
                new PlaylistItem("BV1GJ411x7h7_p2", "第一章", 300, cover, "碧诗", 2),
                new PlaylistItem("BV1GJ411x7h7_p3", "终章", 120, cover, "碧诗", 3),
            ],
            playlist.Items);
        Assert.Null(playlist.NextCursor);
    }

    [Fact]
    public async Task Parts_are_paged_by_limit_and_cursor()
    {
        var first = await Client.GetFromJsonAsync<Playlist>("/api/v2/playlists/bilibili/av80433022?limit=2", ContractJson.Options);
        var rest = await Client.GetFromJsonAsync<Playlist>($"/api/v2/playlists/bilibili/av80433022?limit=2&cursor={first!.NextCursor}", ContractJson.Options);

        Assert.Equal(["BV1GJ411x7h7", "BV1GJ411x7h7_p2"], first.Items.Select(i => i.Id));
        Assert.Equal("2", first.NextCursor);
        Assert.Equal(["BV1GJ411x7h7_p3"], rest!.Items.Select(i => i.Id));
        Assert.Null(rest.NextCursor);
    }

    [Fact]
    public async Task A_video_in_a_collection_is_the_playlist_of_its_collection()
    {
        var playlist = await Client.GetFromJsonAsync<Playlist>("/api/v2/playlists/bilibili/BV17x411w7KC", ContractJson.Options);

        Assert.NotNull(playlist);
        Assert.Equal(("AZIS 合集", "妖王的全部 MV", "碧诗", "2", 3), (playlist.Title, playlist.Description, playlist.Author, playlist.ChannelId, playlist.VideoCount!.Value));
        Assert.Equal(
            [
                new PlaylistItem("BV17x411w7KC", "【MV】保加利亚妖王AZIS视频合辑", 212, "https://i0.hdslb.com/bfs/archive/bv17x411w7kc.jpg", "碧诗", 1),
                new PlaylistItem("BV17x411w7Kk", "【MV】AZIS 第二辑", 245, "https://i0.hdslb.com/bfs/archive/av170002.jpg", "碧诗", 2),
                new PlaylistItem("BV17x411w7Kr", "幕后花絮", 98, "https://i0.hdslb.com/bfs/archive/av170003.jpg", "碧诗", 3),
            ],
            playlist.Items);
        Assert.Null(playlist.NextCursor);
        Assert.Equal(["GET /x/web-interface/view?bvid=BV17x411w7KC"], Bilibili.ContentRequests);
    }

    [Fact]
    public async Task A_collection_is_read_page_by_page_from_the_space_api()
    {
        var playlist = await Client.GetFromJsonAsync<Playlist>("/api/v2/playlists/bilibili/season-37737161-4800?limit=40", ContractJson.Options);

        Assert.NotNull(playlist);
        Assert.Equal(("season-37737161-4800", "Kotlin 零基础", "从零开始的 Kotlin 课程", "37737161", 35),
            (playlist.Id, playlist.Title, playlist.Description, playlist.ChannelId, playlist.VideoCount!.Value));
        Assert.Equal(35, playlist.Items.Count);
        Assert.Equal(Enumerable.Range(1, 35).Select(i => (int?)i), playlist.Items.Select(i => i.Index));
        Assert.Equal(new PlaylistItem("BV1HK411A7F5", "Kotlin 教程 第1课", 601, "https://i1.hdslb.com/bfs/archive/lesson01.jpg", null, 1), playlist.Items[0]);
        Assert.Equal(new PlaylistItem("BV1nK411A7fQ", "Kotlin 教程 第31课", 631, "https://i1.hdslb.com/bfs/archive/lesson31.jpg", null, 31), playlist.Items[30]);
        Assert.Null(playlist.NextCursor);
        Assert.Equal(
            [
                "GET /x/polymer/web-space/seasons_archives_list?mid=37737161&season_id=4800&sort_reverse=false&page_num=1&page_size=30",
                "GET /x/polymer/web-space/seasons_archives_list?mid=37737161&season_id=4800&sort_reverse=false&page_num=2&page_size=30",
            ],
            Bilibili.ContentRequests);
    }

    [Fact]
    public async Task A_collection_cursor_starts_at_the_upstream_page_that_holds_it()
    {
        var first = await Client.GetFromJsonAsync<Playlist>("/api/v2/playlists/bilibili/season-37737161-4800?limit=10", ContractJson.Options);
        var later = await Client.GetFromJsonAsync<Playlist>("/api/v2/playlists/bilibili/season-37737161-4800?limit=5&cursor=28", ContractJson.Options);

        Assert.Equal(("10", 10), (first!.NextCursor, first.Items.Count));
        Assert.Equal([29, 30, 31, 32, 33], later!.Items.Select(i => i.Index!.Value));
        Assert.Equal("33", later.NextCursor);
        Assert.Equal(3, Requested("/x/polymer/").Count);
        Assert.Single(Requested("/x/polymer/"), r => r.Contains("page_num=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_collection_bilibili_does_not_have_is_not_found()
    {
        using var response = await Client.GetAsync("/api/v2/playlists/bilibili/season-2-999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ErrorCodes.NotFound, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("BV1GJ411x7h7_p2")]
    [InlineData("season-1-x")]
    [InlineData("season-1")]
    [InlineData("PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG")]
    [InlineData("BV1GJ411x7h7?cursor=abc")]
    [InlineData("BV1GJ411x7h7?cursor=-1")]
    public async Task Malformed_playlist_ids_and_cursors_are_refused_without_a_request(string idAndQuery)
    {
        using var response = await Client.GetAsync("/api/v2/playlists/bilibili/" + idAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidRequest, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty(Bilibili.Requests);
    }

    [Theory]
    [InlineData("https://space.bilibili.com/37737161/lists/4800?type=season")]
    [InlineData("https://space.bilibili.com/37737161/channel/collectiondetail?sid=4800")]
    public async Task A_collection_url_resolves_to_its_playlist_id(string url)
    {
        var resolved = await Client.GetFromJsonAsync<ResolvedUrl>("/api/v2/resolve?url=" + Uri.EscapeDataString(url), ContractJson.Options);

        Assert.Equal(new ResolvedUrl("bilibili", "playlist", "season-37737161-4800"), resolved);
    }
}
