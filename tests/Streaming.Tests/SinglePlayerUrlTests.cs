using System.Net;
using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;

namespace VideoPlatform.Streaming.Tests;

/// <summary>
/// The one URL a world player gets no longer rests on a muxed format: without one (YouTube's itag
/// 18 needs a PO token now), AVPro is given the HLS master, and the answer says what it chose.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class SinglePlayerUrlTests(StreamingFixture streaming)
{
    private HttpClient Client => streaming.Client;

    [Fact]
    public async Task Avpro_gets_the_hls_master_when_no_muxed_mp4_is_offered()
    {
        var resolved = await Client.GetFromJsonAsync<ResolvedStream>("/api/v2/stream/direct/youtube/tokenless001?player=avpro", ContractJson.Options);

        Assert.Equal(("hls", "hls", "hls"), (resolved!.Delivery, resolved.Format.FormatId, resolved.Format.Protocol));
        Assert.EndsWith(".m3u8", resolved.StreamUrl);
    }

    [Fact]
    public async Task Avpro_redirected_to_the_hls_master_plays_its_playlist()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = streaming.Address };

        using var response = await client.GetAsync("/api/v2/stream/youtube/tokenless001?quality=720p&player=avpro");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var cdn = new HttpClient();
        using var playlist = await cdn.GetAsync(response.Headers.Location);
        Assert.StartsWith("#EXTM3U", await playlist.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_muxed_mp4_is_still_the_progressive_answer_when_there_is_one()
    {
        var resolved = await Client.GetFromJsonAsync<ResolvedStream>("/api/v2/stream/direct/youtube/vid00000001?player=avpro", ContractJson.Options);

        Assert.Equal(("progressive", "18"), (resolved!.Delivery, resolved.Format.FormatId));
    }

    [Fact]
    public async Task A_video_only_format_asked_for_by_id_is_said_to_be_adaptive()
    {
        var resolved = await Client.GetFromJsonAsync<ResolvedStream>("/api/v2/stream/direct/youtube/vid00000001?format=137", ContractJson.Options);

        Assert.Equal(("adaptive", "137"), (resolved!.Delivery, resolved.Format.FormatId));
    }
}
