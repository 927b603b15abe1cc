using System.Net;
using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>The like count (and a missing upload date) from one <c>next</c> call, cached with the video.</summary>
public sealed class WatchNextTests : MetadataOverFakeYouTube
{
    [Fact]
    public async Task The_like_count_is_the_exact_one_of_the_watch_page_read_once_with_the_video()
    {
        for (var i = 0; i < 3; i++)
        {
            var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/dQw4w9WgXcQ", ContractJson.Options);
            // The like-count entity's exact number, not the microformat's older 18000000 nor the button's "18M".
            Assert.Equal(18123456, info!.LikeCount);
            // 2009-10-24T23:57:33-07:00 is 25 October in UTC.
            Assert.Equal("20091025", info.UploadDate);
        }
        using var formats = await Client.GetAsync("/api/v2/videos/youtube/dQw4w9WgXcQ/formats");

        Assert.Equal(HttpStatusCode.OK, formats.StatusCode);
        Assert.Equal(["dQw4w9WgXcQ"], YouTube.WatchNextCalls);
    }

    [Fact]
    public async Task An_older_watch_page_gives_likes_from_the_button_text_and_the_date_the_player_lacked()
    {
        var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/shortsVideo", ContractJson.Options);

        Assert.Equal(1203, info!.LikeCount);
        // The player response (as mobile clients send it) has no microformat; "Premiered Mar 3, 2021" fills in.
        Assert.Equal("20210303", info.UploadDate);
    }

    [Fact]
    public async Task A_failing_watch_page_leaves_the_likes_empty_and_the_video_answered()
    {
        YouTube.FailWatchNext = true;

        var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/shortsVideo", ContractJson.Options);

        Assert.Equal("Wait for it #shorts", info!.Title);
        Assert.Null(info.LikeCount);
        Assert.Null(info.UploadDate);
    }

    [Fact]
    public async Task A_dead_video_answers_its_error_whatever_the_watch_page_says()
    {
        using var response = await Client.GetAsync("/api/v2/videos/youtube/removedVid1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
