using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.Bilibili;

public sealed class BilibiliShortLinkTests : MetadataOverFakeBilibili
{
    [Fact]
    public async Task A_b23_link_resolves_with_one_request_to_the_video_part_it_leads_to()
    {
        var first = await Client.GetFromJsonAsync<ResolvedUrl>("/api/v2/resolve?url=https%3A%2F%2Fb23.tv%2FxvS2Xb1", ContractJson.Options);
        var again = await Client.GetFromJsonAsync<ResolvedUrl>("/api/v2/resolve?url=https%3A%2F%2Fb23.tv%2FxvS2Xb1%3Fshare_source%3Dqq", ContractJson.Options);

        Assert.Equal(new ResolvedUrl("bilibili", "video", "BV1GJ411x7h7_p2"), first);
        Assert.Equal(first, again);
        // One request, its redirect read and not followed (the target is never fetched).
        Assert.Equal(["GET /xvS2Xb1"], Bilibili.Requests);
    }

    [Fact]
    public async Task A_b23_link_posted_as_a_url_gives_the_video()
    {
        using var response = await Client.PostAsJsonAsync("/api/v2/videos/info", new { url = "https://b23.tv/av17x4Q" });
        var info = await response.Content.ReadFromJsonAsync<VideoInfo>(ContractJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("av170001", "【MV】保加利亚妖王AZIS视频合辑"), (info!.Id, info.Title));
    }

    [Theory]
    [InlineData("offsite1", "evil.example")]
    [InlineData("home1234", "www.bilibili.com/")]
    [InlineData("loop1234", "b23.tv")]
    public async Task A_b23_link_that_leads_anywhere_but_a_bilibili_video_is_an_invalid_url(string code, string named)
    {
        using var response = await Client.GetAsync($"/api/v2/resolve?url=https%3A%2F%2Fb23.tv%2F{code}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidUrl, problem.GetProperty("code").GetString());
        Assert.Contains(named, problem.GetProperty("detail").GetString());
        Assert.Equal([$"GET /{code}"], Bilibili.Requests);
    }

    [Fact]
    public async Task A_b23_code_it_does_not_know_is_an_invalid_url()
    {
        using var response = await Client.GetAsync("/api/v2/resolve?url=https%3A%2F%2Fb23.tv%2FnoSuch1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidUrl, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("https://b23.tv/abc")]
    [InlineData("https://b23.tv/abcdefghijklm")]
    [InlineData("https://b23.tv/xvS2Xb1/extra")]
    [InlineData("https://b23.tv/..%2Fx%2Fweb-interface%2Fnav")]
    [InlineData("https://b23.tv/xvS2-b1")]
    [InlineData("https://b23.tv/")]
    public async Task A_malformed_b23_link_is_refused_without_any_request(string url)
    {
        using var response = await Client.GetAsync("/api/v2/resolve?url=" + Uri.EscapeDataString(url));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidUrl, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty(Bilibili.Requests);
    }
}
