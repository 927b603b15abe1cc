using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Extractors.Bilibili;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Bilibili;

namespace VideoPlatform.Metadata.Tests.Bilibili;

public sealed class BilibiliIdTests
{
    [Theory]
    [InlineData(170001, "BV17x411w7KC")]
    [InlineData(111298867365120, "BV1L9Uoa9EUx")]
    public void Bv_and_av_convert_both_ways(long aid, string bvid)
    {
        Assert.Equal(bvid, BilibiliIds.ToBvid(aid));
        Assert.Equal(aid, BilibiliIds.ToAid(bvid));
    }

    [Fact]
    public void Wbi_signing_matches_the_documented_vector()
    {
        var mixin = WbiSigner.MixinKey("7cd084941338484aae1ad9425b84077c", "4932caff0ff746eab6f01bf08b70ac45");
        var signed = WbiSigner.Sign([new("foo", "114"), new("bar", "514"), new("zab", "1919810")], mixin, 1702204169);

        Assert.Equal("ea1db124af3c7062474693fa704f4ff8", mixin);
        Assert.Equal("bar=514&foo=114&wts=1702204169&zab=1919810&w_rid=8f6f2b5b3d485fe1886cec6a0be8c5d4", signed);
    }

    [Theory]
    [InlineData("https://www.bilibili.com/video/BV17x411w7KC", "BV17x411w7KC")]
    [InlineData("https://www.bilibili.com/video/BV17x411w7KC/?spm_id_from=333.1007&vd_source=abc", "BV17x411w7KC")]
    [InlineData("https://m.bilibili.com/video/BV1GJ411x7h7?p=2", "BV1GJ411x7h7_p2")]
    [InlineData("https://www.bilibili.com/video/av170001", "av170001")]
    public void Video_urls_resolve_with_their_part(string url, string id)
    {
        Assert.True(BilibiliIds.TryResolve(new Uri(url), out var resolved));
        Assert.Equal(new ResolvedUrl("bilibili", "video", id), resolved);
    }

    [Theory]
    [InlineData("BV17x411w7K")]
    [InlineData("BV0000000000")]
    [InlineData("BV17x411w7KC_p0")]
    [InlineData("av")]
    [InlineData("av99999999999999999999")]
    public void Malformed_ids_are_refused(string id)
    {
        Assert.False(BilibiliIds.TryParse(id, out _, out _));
    }
}

public sealed class BilibiliExtractionTests : MetadataOverFakeBilibili
{
    [Fact]
    public async Task A_video_has_its_details_and_stats()
    {
        var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/bilibili/BV17x411w7KC", ContractJson.Options);

        Assert.NotNull(info);
        Assert.Equal("【MV】保加利亚妖王AZIS视频合辑", info.Title);
        Assert.Equal(212, info.Duration);
        Assert.Equal(("碧诗", "2", "https://space.bilibili.com/2"), (info.Uploader, info.ChannelId, info.ChannelUrl));
        Assert.Equal((123456L, 4567L), (info.ViewCount!.Value, info.LikeCount!.Value));
        Assert.Equal("20231115", info.UploadDate);
        Assert.Equal("https://i0.hdslb.com/bfs/archive/bv17x411w7kc.jpg", info.Thumbnail);
        Assert.Equal("单机游戏", info.Category);
    }

    [Fact]
    public async Task An_av_id_reaches_the_same_video()
    {
        var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/bilibili/av170001", ContractJson.Options);

        Assert.Equal("【MV】保加利亚妖王AZIS视频合辑", info!.Title);
        Assert.Contains(Bilibili.Requests, r => r.Contains("bvid=BV17x411w7KC"));
    }

    [Fact]
    public async Task Formats_are_dash_in_three_codecs_plus_the_progressive_mp4_with_the_headers_the_cdn_needs()
    {
        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/bilibili/BV1L9Uoa9EUx/formats", ContractJson.Options);

        Assert.NotNull(formats);
        var video = formats.Formats.Where(f => f.HasVideo && !f.HasAudio).ToList();
        Assert.Equal(["120-avc", "120-hevc", "80-avc", "80-av1", "64-avc"], video.Select(f => f.FormatId));
        var hevc4k = video[1];
        Assert.Equal(("4K", 3840, 2160, "hev1.1.6.L153.90", 29.97), (hevc4k.QualityLabel, hevc4k.Width!.Value, hevc4k.Height!.Value, hevc4k.Vcodec, hevc4k.Fps!.Value));
        Assert.Equal("https://www.bilibili.com/", hevc4k.HttpHeaders["Referer"]);
        Assert.StartsWith("Mozilla/5.0", hevc4k.HttpHeaders["User-Agent"]);

        Assert.Equal(["30280", "30232", "30216"], formats.Formats.Where(f => f.HasAudio && !f.HasVideo).Select(f => f.FormatId));
        var progressive = Assert.Single(formats.Formats, f => f.HasVideo && f.HasAudio);
        Assert.Equal(("durl-64", "mp4", 720, 14567890L), (progressive.FormatId, progressive.Ext, progressive.Height!.Value, progressive.Filesize!.Value));
        Assert.Empty(progressive.HttpHeaders);
        Assert.Equal(FixtureTemplate.ExpiresAt, formats.ExpiresAt);
    }

    [Fact]
    public async Task A_part_of_a_multi_part_video_is_addressed_by_its_number()
    {
        var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/bilibili/BV1GJ411x7h7_p2", ContractJson.Options);

        Assert.Equal("三部曲合集 (P2 第一章)", info!.Title);
        Assert.Equal(300, info.Duration);
        Assert.Equal(3, info.Chapters.Count);
        Assert.Contains(Bilibili.Requests, r => r.StartsWith("GET /x/player/wbi/playurl?", StringComparison.Ordinal) && r.Contains("cid=1002"));
    }

    [Theory]
    [InlineData("BV1xx411c7mD", HttpStatusCode.NotFound, ErrorCodes.VideoUnavailable)]
    [InlineData("BV1Ru411d7Rw", (HttpStatusCode)451, ErrorCodes.GeoRestricted)]
    [InlineData("BV1GJ411x7h7_p9", HttpStatusCode.NotFound, ErrorCodes.VideoUnavailable)]
    public async Task Bilibili_codes_become_the_platforms_error_codes(string id, HttpStatusCode status, string code)
    {
        using var response = await Client.GetAsync($"/api/v2/videos/bilibili/{id}");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
