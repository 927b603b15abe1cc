using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// A video's details from recorded 2026 answers (NewPipeExtractor's mocks of M4gD1WSo5mA): the
/// VISIONOS player, the WEB microformat and the watch page, each giving what the others lack.
/// </summary>
public sealed class RecordedVideoTests : MetadataOverFakeYouTube
{
    [Fact]
    public async Task A_recorded_video_has_its_details_from_the_player_the_microformat_and_the_watch_page()
    {
        var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/M4gD1WSo5mA", ContractJson.Options);

        Assert.Equal("William Fisher, CopyrightX: Lecture 3.2, The Subject Matter of Copyright: Drama and choreography", info!.Title);
        Assert.Equal(("The Berkman Klein Center for Internet & Society", "UCuLGmD72gJDBwmLw06X58SA", 721.0), (info.Uploader, info.ChannelId, info.Duration!.Value));
        // VISIONOS says nothing of the category: the microformat does.
        Assert.Equal("Education", info.Category);
        // Uploaded 2015-01-27T21:14:36-08:00, which is 28 January in UTC, as the watch page says ("28 Jan 2015").
        Assert.Equal("20150128", info.UploadDate);
        // "along with 72 other people" on the watch page; the microformat says 72 too.
        Assert.Equal(72, info.LikeCount);
        Assert.True(info.ViewCount > 0);
        Assert.Contains(info.Captions, c => c.LanguageCode == "en");
        Assert.Equal(["M4gD1WSo5mA"], YouTube.MicroformatCalls);
        Assert.Equal(["M4gD1WSo5mA"], YouTube.WatchNextCalls);
    }

    [Fact]
    public async Task Formats_alone_make_no_microformat_or_watch_page_call()
    {
        await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/M4gD1WSo5mA/formats", ContractJson.Options);

        Assert.Empty(YouTube.MicroformatCalls);
        Assert.Empty(YouTube.WatchNextCalls);
    }
}
