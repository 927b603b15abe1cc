using System.Net;
using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary><c>GET /api/v2/channels/youtube/{channel}</c> by id, handle and legacy names, resolved through InnerTube.</summary>
public sealed class ChannelTests : MetadataOverFakeYouTube
{
    [Theory]
    [InlineData("@RickAstleyYT", "https://www.youtube.com/@RickAstleyYT")]
    [InlineData("user/RickAstleyVEVO", "https://www.youtube.com/user/RickAstleyVEVO")]
    public async Task A_channel_named_by_handle_or_legacy_name_lists_its_uploads(string channel, string resolvedUrl)
    {
        var uploads = await Client.GetFromJsonAsync<Playlist>($"/api/v2/channels/youtube/{channel}", ContractJson.Options);

        Assert.Equal("UUuAXFkgsw1L7xaCfnd5JJOw", uploads!.Id);
        Assert.Equal("UCuAXFkgsw1L7xaCfnd5JJOw", uploads.ChannelId);
        Assert.Equal(["dQw4w9WgXcQ", "yPYZpwSpKmA", "AC3Ejf7vPEY"], uploads.Items.Select(i => i.Id));
        Assert.Equal([resolvedUrl], YouTube.ResolvedUrls);
    }

    [Fact]
    public async Task A_channel_id_needs_no_resolution_and_a_handle_is_resolved_once()
    {
        using var byId = await Client.GetAsync("/api/v2/channels/youtube/UCuAXFkgsw1L7xaCfnd5JJOw");
        for (var i = 0; i < 3; i++)
        {
            using var byHandle = await Client.GetAsync($"/api/v2/channels/youtube/{(i == 1 ? "@rickastleyyt" : "@RickAstleyYT")}?limit=1");
            Assert.Equal(HttpStatusCode.OK, byHandle.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal(["https://www.youtube.com/@RickAstleyYT"], YouTube.ResolvedUrls);
    }

    [Fact]
    public async Task The_resolve_endpoint_form_of_a_channel_is_what_the_channels_endpoint_takes()
    {
        var resolved = await Client.GetFromJsonAsync<ResolvedUrl>($"/api/v2/resolve?url={Uri.EscapeDataString("https://www.youtube.com/user/RickAstleyVEVO/videos")}", ContractJson.Options);
        var uploads = await Client.GetFromJsonAsync<Playlist>($"/api/v2/channels/youtube/{resolved!.Id}", ContractJson.Options);

        Assert.Equal(("channel", "user/RickAstleyVEVO"), (resolved.Kind, resolved.Id));
        Assert.Equal("UCuAXFkgsw1L7xaCfnd5JJOw", uploads!.ChannelId);
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
