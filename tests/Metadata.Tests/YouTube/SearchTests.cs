using System.Net;
using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary><c>GET /api/v2/search</c> over real HTTP against the fake YouTube's InnerTube search.</summary>
public sealed class SearchTests : MetadataOverFakeYouTube
{
    [Fact]
    public async Task Video_results_have_their_fields_and_a_cursor_to_the_next_page()
    {
        var page = await Client.GetFromJsonAsync<SearchResults>("/api/v2/search?platform=youtube&q=never%20gonna%20give%20you%20up&type=video", ContractJson.Options);

        Assert.Equal(("youtube", "never gonna give you up", "video"), (page!.Platform, page.Query, page.Type));
        // The duplicate of the first result and the shorts shelf are left out.
        Assert.Equal(["dQw4w9WgXcQ", "lYBUbBu4W08"], page.Items.Select(i => i.Id));
        var first = page.Items[0];
        Assert.Equal("video", first.Kind);
        Assert.Equal("Rick Astley - Never Gonna Give You Up (Official Video) (4K Remaster)", first.Title);
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", first.Url);
        Assert.Equal(("Rick Astley", "UCuAXFkgsw1L7xaCfnd5JJOw"), (first.Author, first.ChannelId));
        Assert.Equal(214, first.Duration);
        Assert.Equal(1712345678, first.ViewCount);
        Assert.Equal("16 years ago", first.Published);
        Assert.False(first.IsLive);
        Assert.Equal("The official video for “Never Gonna Give You Up” by Rick Astley.", first.Description);
        Assert.StartsWith("https://i.ytimg.com/vi/dQw4w9WgXcQ/hq720.jpg?sqp=-oaymwEcCNAFEJQDSFXyq4qpAw4IARUAAIhCGAFwAcABBg==", first.Thumbnail);
        var live = page.Items[1];
        Assert.Equal((true, (double?)null, 12345L, (string?)null), (live.IsLive!.Value, live.Duration, live.ViewCount!.Value, live.Published));
        Assert.Equal("EpcDEhhuZXZlciBnb25uYSBnaXZlIHlvdSB1cBgC", page.NextCursor);
        Assert.Equal([("never gonna give you up", "EgIQAQ%3D%3D", (string?)null)], YouTube.Searches);

        var next = await Client.GetFromJsonAsync<SearchResults>($"/api/v2/search?platform=youtube&q=never%20gonna%20give%20you%20up&type=video&cursor={page.NextCursor}", ContractJson.Options);

        var last = Assert.Single(next!.Items);
        Assert.Equal(("yPYZpwSpKmA", 3723.0, 0L, "8 years ago"), (last.Id, last.Duration!.Value, last.ViewCount!.Value, last.Published));
        Assert.Null(next.NextCursor);
        Assert.Equal((null, null, "EpcDEhhuZXZlciBnb25uYSBnaXZlIHlvdSB1cBgC"), YouTube.Searches.Last());
    }

    [Fact]
    public async Task Playlist_results_come_from_lockups_and_older_renderers()
    {
        var page = await Client.GetFromJsonAsync<SearchResults>("/api/v2/search?platform=youtube&q=rick%20astley&type=playlist", ContractJson.Options);

        Assert.Equal(2, page!.Items.Count);
        var lockup = page.Items[0];
        Assert.Equal(("playlist", "PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG", "Rick Astley - Greatest Hits", "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG"),
            (lockup.Kind, lockup.Id, lockup.Title, lockup.Url));
        Assert.Equal(("Rick Astley", "UCuAXFkgsw1L7xaCfnd5JJOw", 49), (lockup.Author, lockup.ChannelId, lockup.VideoCount!.Value));
        Assert.Equal("https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg?sqp=-oaymwEXCNACELwBSFryq4qpAwkIARUAAIhCGAE=", lockup.Thumbnail);
        var album = page.Items[1];
        Assert.Equal(("OLAK5uy_kXmvUSSLBEtgmTgmAUMk6lvbOhGDH7N3M", "Whenever You Need Somebody (2022 Remaster)", "Rick Astley - Topic", "UCZE5D4Z1UVxQ9VFwwgCf4dg", 10),
            (album.Id, album.Title, album.Author, album.ChannelId, album.VideoCount!.Value));
        Assert.Equal("https://i.ytimg.com/vi/BeyEGebJ1l4/hqdefault.jpg", album.Thumbnail);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Channel_results_tell_the_handle_from_the_subscribers()
    {
        var page = await Client.GetFromJsonAsync<SearchResults>("/api/v2/search?platform=youtube&q=Rick%20Astley&type=channel", ContractJson.Options);

        var channel = Assert.Single(page!.Items);
        Assert.Equal(("channel", "UCuAXFkgsw1L7xaCfnd5JJOw", "Rick Astley", "https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw"),
            (channel.Kind, channel.Id, channel.Title, channel.Url));
        Assert.Equal(("@RickAstleyYT", "4.2M subscribers"), (channel.Handle, channel.Subscribers));
        Assert.Equal("The official Rick Astley YouTube channel.", channel.Description);
        Assert.Equal("https://yt3.googleusercontent.com/BGtqbTNjPV=s176-c-k-c0x00ffffff-no-rj-mo", channel.Thumbnail);
        Assert.Equal("EgIQAg%3D%3D", YouTube.Searches.Single().Params);
    }

    [Fact]
    public async Task A_repeated_search_is_answered_from_the_cache()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await Client.GetAsync("/api/v2/search?platform=youtube&q=rick%20astley&type=playlist");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(YouTube.Searches);
        // Visible to Prometheus, on the counter video lookups use.
        var metrics = (await Client.GetStringAsync("/metrics")).Split('\n');
        Assert.Contains(metrics, l => l.StartsWith("metadata_cache_lookups_total{", StringComparison.Ordinal)
            && l.Contains("kind=\"search\"", StringComparison.Ordinal) && l.Contains("result=\"hit\"", StringComparison.Ordinal) && l.Split(' ')[1] == "2");
    }

    [Fact]
    public async Task A_search_without_results_is_an_empty_page()
    {
        var page = await Client.GetFromJsonAsync<SearchResults>("/api/v2/search?q=zzqx%20nothing", ContractJson.Options);

        Assert.Empty(page!.Items);
        Assert.Null(page.NextCursor);
        Assert.Equal("video", page.Type);
    }

    [Theory]
    [InlineData("/api/v2/search?platform=youtube", ErrorCodes.InvalidRequest)]
    [InlineData("/api/v2/search?platform=youtube&q=%20%20", ErrorCodes.InvalidRequest)]
    [InlineData("/api/v2/search?platform=youtube&q=a%0Ab", ErrorCodes.InvalidRequest)]
    [InlineData("/api/v2/search?platform=youtube&q=rick&type=music", ErrorCodes.InvalidRequest)]
    [InlineData("/api/v2/search?platform=youtube&q=rick&cursor=%3Cscript%3E", ErrorCodes.InvalidRequest)]
    [InlineData("/api/v2/search?platform=vimeo&q=rick", ErrorCodes.UnsupportedPlatform)]
    public async Task Bad_searches_are_refused_without_an_upstream_call(string path, string code)
    {
        await AssertProblemAsync(path, HttpStatusCode.BadRequest, code);

        Assert.Empty(YouTube.Searches);
    }

    [Fact]
    public async Task A_query_longer_than_the_limit_is_refused()
    {
        await AssertProblemAsync($"/api/v2/search?q={new string('a', 201)}", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);

        Assert.Empty(YouTube.Searches);
    }
}
