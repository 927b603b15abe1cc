using System.Net;
using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.YouTube;

public sealed class PlaylistTests : MetadataOverFakeYouTube
{
    [Fact]
    public async Task A_playlist_has_its_details_and_every_item_through_continuations()
    {
        var playlist = await Client.GetFromJsonAsync<Playlist>("/api/v2/playlists/youtube/PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG", ContractJson.Options);

        Assert.NotNull(playlist);
        Assert.Equal(("Rick Astley Hits", "The best of Rick.", "Rick Astley", "UCuAXFkgsw1L7xaCfnd5JJOw", 3),
            (playlist.Title, playlist.Description, playlist.Author, playlist.ChannelId, playlist.VideoCount!.Value));
        Assert.Equal(["dQw4w9WgXcQ", "yPYZpwSpKmA", "AC3Ejf7vPEY"], playlist.Items.Select(i => i.Id));
        Assert.Equal(new PlaylistItem("dQw4w9WgXcQ", "Never Gonna Give You Up", 212, "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg", "Rick Astley", 1), playlist.Items[0]);
        Assert.Null(playlist.NextCursor);
    }

    [Fact]
    public async Task A_limit_pages_with_a_cursor()
    {
        var first = await Client.GetFromJsonAsync<Playlist>("/api/v2/playlists/youtube/PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG?limit=2", ContractJson.Options);
        var second = await Client.GetFromJsonAsync<Playlist>($"/api/v2/playlists/youtube/PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG?cursor={first!.NextCursor}", ContractJson.Options);

        Assert.Equal(["dQw4w9WgXcQ", "yPYZpwSpKmA"], first.Items.Select(i => i.Id));
        Assert.Equal(["AC3Ejf7vPEY"], second!.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task A_repeated_page_is_answered_from_the_cache()
    {
        for (var i = 0; i < 3; i++)
        {
            var playlist = await Client.GetFromJsonAsync<Playlist>("/api/v2/playlists/youtube/PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG?limit=2", ContractJson.Options);
            Assert.Equal(2, playlist!.Items.Count);
        }

        Assert.Single(YouTube.Requests, r => r.StartsWith("POST /youtubei/v1/browse", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/v2/playlists/youtube/PLdoesnotexist00", HttpStatusCode.NotFound)]
    [InlineData("/api/v2/playlists/youtube/notaplaylist", HttpStatusCode.BadRequest)]
    [InlineData("/api/v2/playlists/youtube/PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG?limit=0", HttpStatusCode.BadRequest)]
    public async Task Missing_and_malformed_playlists_are_problems(string path, HttpStatusCode status)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
    }
}
