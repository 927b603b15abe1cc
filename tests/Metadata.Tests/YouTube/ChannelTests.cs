using System.Net;
using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary><c>GET /api/v2/channels/youtube/{channel}</c> by id and by name, resolved through InnerTube (recorded answers).</summary>
public sealed class ChannelTests : MetadataOverFakeYouTube
{
    [Fact]
    public async Task A_channel_id_needs_no_resolution_and_a_name_is_resolved_once()
    {
        using var byId = await Client.GetAsync("/api/v2/channels/youtube/UCTwECeGqMZee77BjdoYtI2Q");
        for (var i = 0; i < 3; i++)
        {
            // Names are case-insensitive: the second spelling is the same channel, from the cache.
            using var byName = await Client.GetAsync($"/api/v2/channels/youtube/{(i == 1 ? "user/CreativeCommons" : "user/creativecommons")}?limit=1");
            Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal(["https://www.youtube.com/user/creativecommons"], YouTube.ResolvedUrls);
    }

    [Fact]
    public async Task The_resolve_endpoint_form_of_a_channel_is_what_the_channels_endpoint_takes()
    {
        var resolved = await Client.GetFromJsonAsync<ResolvedUrl>($"/api/v2/resolve?url={Uri.EscapeDataString("https://www.youtube.com/user/creativecommons/videos")}", ContractJson.Options);
        var videos = await Client.GetFromJsonAsync<Playlist>($"/api/v2/channels/youtube/{resolved!.Id}", ContractJson.Options);

        Assert.Equal(("channel", "user/creativecommons"), (resolved.Kind, resolved.Id));
        Assert.Equal("UCTwECeGqMZee77BjdoYtI2Q", videos!.ChannelId);
    }

    [Theory]
    [InlineData("@nobodyhere", HttpStatusCode.NotFound, ErrorCodes.NotFound)]
    [InlineData("c/rickroll", HttpStatusCode.NotFound, ErrorCodes.NotFound)]
    [InlineData("@a", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest)]
    [InlineData("watch", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest)]
    [InlineData("c/evil%2F..%2Fx", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest)]
    [InlineData("UCuAXFkgsw1L7xaCfnd5JJO", HttpStatusCode.NotFound, ErrorCodes.NotFound)]
    public async Task Unknown_and_malformed_channels_are_problems(string channel, HttpStatusCode status, string code)
    {
        await AssertProblemAsync($"/api/v2/channels/youtube/{channel}", status, code);

        if (status == HttpStatusCode.BadRequest)
        {
            Assert.Empty(YouTube.ResolvedUrls);
        }
    }
}
