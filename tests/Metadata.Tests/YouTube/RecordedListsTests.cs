using System.Net;
using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// Playlists, mixes, a channel's Videos tab and search against answers YouTube gave in 2026
/// (recorded in NewPipeExtractor's mocks; see the fixtures README).
/// </summary>
public sealed class RecordedListsTests : MetadataOverFakeYouTube
{
    private const string Playlist = "PLMC9KNkIncKtPzgY-5rmhvj7fax8fdxoj";
    private const string PlaylistContinuation = "4qmFsgJdEiRWTFBMTUM5S05rSW5jS3RQemdZLTVybWh2ajdmYXg4ZmR4b2oaEENBRENCZ0lJQUElM0QlM0SaAiJQTE1DOUtOa0luY0t0UHpnWS01cm1odmo3ZmF4OGZkeG9q";

    [Fact]
    public async Task A_playlist_has_its_owner_from_the_2026_page_header()
    {
        var playlist = await Client.GetFromJsonAsync<Playlist>($"/api/v2/playlists/youtube/{Playlist}", ContractJson.Options);

        Assert.Equal("Pop Music Playlist - Timeless Pop Songs (Updated Weekly 2026)", playlist!.Title);
        // The header says "by Redlist - Just Hits"; the owner is the channel, not the phrase.
        Assert.Equal(("Redlist - Just Hits", "UCs72iRpTEuwV3y6pdWYLgiw", 200), (playlist.Author, playlist.ChannelId, playlist.VideoCount!.Value));
        Assert.StartsWith("Pop Music Playlist - Timeless Pop Songs", playlist.Description);
    }

    [Fact]
    public async Task A_playlist_continuation_page_gives_its_hundred_videos_and_the_next_token()
    {
        var page = await Client.GetFromJsonAsync<Playlist>($"/api/v2/playlists/youtube/{Playlist}?cursor={PlaylistContinuation}", ContractJson.Options);

        Assert.Equal(100, page!.Items.Count);
        Assert.Equal(new PlaylistItem("euCqAq6BRa4", "DJ Snake - Let Me Love You ft. Justin Bieber", 206, page.Items[0].Thumbnail, "DJ Snake", 1), page.Items[0]);
        Assert.NotNull(page.NextCursor);
        Assert.NotEqual(PlaylistContinuation, page.NextCursor);
    }

    [Fact]
    public async Task A_mix_is_read_from_the_watch_pages_playlist_panel_page_after_page()
    {
        var mix = await Client.GetFromJsonAsync<Playlist>("/api/v2/playlists/youtube/RDFAqYW76GLPA?limit=30", ContractJson.Options);

        Assert.StartsWith("Mix – ", mix!.Title);
        Assert.Equal("YouTube", mix.Author);
        // 25 from the first panel, then the next panel asked from the 25th (index 24), duplicates dropped.
        Assert.Equal(30, mix.Items.Count);
        Assert.Equal(("FAqYW76GLPA", 0), (mix.Items[0].Id, mix.Items[0].Index!.Value));
        Assert.Equal(("bY0357VJE2U", 24), (mix.Items[24].Id, mix.Items[24].Index!.Value));
        Assert.Equal(mix.Items.Count, mix.Items.Select(i => i.Id).Distinct().Count());
        Assert.Equal($"{mix.Items[^1].Id}{mix.Items[^1].Index}", mix.NextCursor);
        Assert.Equal(["FAqYW76GLPA", "bY0357VJE2U"], YouTube.WatchNextCalls);
    }

    [Fact]
    public async Task A_channel_lists_the_videos_of_its_videos_tab()
    {
        var channel = await Client.GetFromJsonAsync<Playlist>("/api/v2/channels/youtube/user/creativecommons?limit=10", ContractJson.Options);

        Assert.Equal(("UCTwECeGqMZee77BjdoYtI2Q", "Creative Commons"), (channel!.ChannelId, channel.Title));
        Assert.Equal(10, channel.Items.Count);
        var first = channel.Items[0];
        Assert.Equal(("BD-LB23rRBE", 4054.0, "Creative Commons"), (first.Id, first.Duration!.Value, first.Author));
        Assert.Equal("Expert Panel III: Global Perspectives on Open Heritage and Diversity, Inclusion, and Sustainability", first.Title);
        // The continuation of the tab's grid, not of its chip bar.
        Assert.StartsWith("4qmFsgLZCRIYVUNUd0VDZUdxTVplZTc3Qmpkb1l0STJRGrwJ", channel.NextCursor);
        Assert.Equal(["https://www.youtube.com/user/creativecommons"], YouTube.ResolvedUrls);
    }

    [Fact]
    public async Task A_terminated_channel_is_not_found_with_youtubes_reason()
    {
        var problem = await AssertProblemAsync("/api/v2/channels/youtube/UCoaO4U_p7G7AwalqSbGCZOA", HttpStatusCode.NotFound, ErrorCodes.NotFound);

        Assert.Equal("This channel was removed because it violated our Community Guidelines.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Video_search_reads_the_2026_result_page()
    {
        var results = await Client.GetFromJsonAsync<SearchResults>("/api/v2/search?q=test&type=video", ContractJson.Options);

        Assert.Equal(30, results!.Items.Count);
        var first = results.Items[0];
        Assert.Equal(("video", "Z8KYabgkMbw", "Blind Test TOUT GENRE | 140 extraits", "Blind Test & Chill", 2840.0),
            (first.Kind, first.Id, first.Title, first.Author, first.Duration!.Value));
        Assert.NotNull(results.NextCursor);
    }

    [Fact]
    public async Task Playlist_search_reads_the_lockup_view_models()
    {
        var results = await Client.GetFromJsonAsync<SearchResults>("/api/v2/search?q=test&type=playlist", ContractJson.Options);

        Assert.Equal(20, results!.Items.Count);
        Assert.All(results.Items, r => Assert.Equal("playlist", r.Kind));
        var first = results.Items[0];
        Assert.Equal(("PLAD454F0807B6CB80", "Tests du grenier", "Joueur Du Grenier", "UC_yP2DpIgs5Y1uWC0T03Chw"), (first.Id, first.Title, first.Author, first.ChannelId));
        Assert.NotNull(first.VideoCount);
    }

    [Fact]
    public async Task Channel_search_reads_the_handle_and_subscribers_where_2026_puts_them()
    {
        var results = await Client.GetFromJsonAsync<SearchResults>("/api/v2/search?q=test&type=channel", ContractJson.Options);

        Assert.Equal(20, results!.Items.Count);
        var first = results.Items[0];
        Assert.Equal(("channel", "UCZRcA_nO3Kt-SOml2mY8D9g", "test", "@tutorialismic", "234k subscribers"),
            (first.Kind, first.Id, first.Title, first.Handle, first.Subscribers));
    }
}
