using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Bilibili;

namespace VideoPlatform.Metadata.Tests.Bilibili;

/// <summary>
/// The service against a fake BiliBili that refuses what the real risk control refuses: these pass
/// only if every call carries the browser's headers, the guest cookies and (for play URLs) the
/// player's fingerprint, and if refusals are answered as BiliBili means them.
/// </summary>
public sealed class BilibiliRiskControlTests : MetadataOverFakeBilibili
{
    private static readonly string[] FingerprintNames = ["dm_img_list", "dm_img_str", "dm_cover_img_str", "dm_img_inter", "web_location"];

    [Fact]
    public async Task Play_url_calls_carry_the_players_fingerprint_and_try_look_for_a_guest()
    {
        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/bilibili/BV1rp4y1e745/formats", ContractJson.Options);

        Assert.Empty(Bilibili.RiskControl.Refusals);
        var dash = Requested("/x/player/wbi/playurl").Select(Query).Single(q => q.GetValueOrDefault("platform") != "html5");
        Assert.All(FingerprintNames, name => Assert.False(string.IsNullOrEmpty(dash[name]), name));
        Assert.Equal("1315873", dash["web_location"]);
        Assert.Equal("1", dash["try_look"]);
        // try_look is what lets a guest have more than 480P.
        Assert.Contains(formats!.Formats, f => f.FormatId == "80-avc");
    }

    [Fact]
    public async Task Every_api_call_carries_the_guest_cookies_fetched_once_with_a_ticket()
    {
        await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/bilibili/BV1rp4y1e745", ContractJson.Options);
        await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/bilibili/BV17x411w7KC", ContractJson.Options);

        Assert.Empty(Bilibili.RiskControl.Refusals);
        Assert.Single(Requested("/x/frontend/finger/spi"));
        Assert.Single(Requested("/bapis/bilibili.api.ticket.v1.Ticket/GenWebTicket"));
        var content = Bilibili.RiskControl.Cookies.Where(c => !c.Path.StartsWith("/x/frontend/", StringComparison.Ordinal) && !c.Path.StartsWith("/bapis/", StringComparison.Ordinal)).ToList();
        Assert.True(content.Count >= 6, string.Join('\n', content));
        Assert.All(content, c =>
        {
            Assert.Contains($"buvid3={BilibiliRiskControl.HandedOutBuvid3}", c.Cookie);
            Assert.Contains("buvid4=F6E0FD4B-520C-1902-4F7B-E461D8D1F5AB79044-024072309-666onEZSnlHVPjoRp4kDYg%3D%3D", c.Cookie);
            Assert.Contains("bili_ticket=eyJhbGciOiJIUzI1NiIsImtpZCI6InMwMyIsInR5cCI6IkpXVCJ9.", c.Cookie);
        });
    }

    [Fact]
    public async Task Rotated_keys_are_fetched_again_and_the_refused_call_made_once_more()
    {
        await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/bilibili/BV17x411w7KC/formats", ContractJson.Options);
        Bilibili.RotateKeys();

        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/bilibili/BV1rp4y1e745/formats", ContractJson.Options);

        Assert.Contains(formats!.Formats, f => f.FormatId == "80-hevc");
        Assert.Equal(2, Requested("/x/web-interface/nav").Count);
        // Only the first call after the rotation was refused; the one made again with fresh keys went through.
        Assert.Equal(["-352 /x/player/wbi/playurl: not signed with the keys in force"], Bilibili.RiskControl.Refusals);
    }

    [Fact]
    public async Task A_signed_call_refused_again_with_fresh_keys_is_upstream_refused_after_one_retry()
    {
        Bilibili.RiskControl.RefuseSigned = -352;

        using var response = await Client.GetAsync("/api/v2/videos/bilibili/BV1rp4y1e745/formats");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(ErrorCodes.UpstreamRefused, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(600), response.Headers.RetryAfter?.Delta);
        Assert.Equal(2, Requested("/x/player/wbi/playurl").Count);
        Assert.Equal(2, Requested("/x/web-interface/nav").Count);
    }

    [Fact]
    public async Task A_412_is_upstream_refused_at_once_not_throttled_and_not_retried()
    {
        Bilibili.RiskControl.RefuseEverything = 412;

        using var response = await Client.GetAsync("/api/v2/videos/bilibili/BV1rp4y1e745");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(ErrorCodes.UpstreamRefused, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(600), response.Headers.RetryAfter?.Delta);
        Assert.Single(Requested("/x/web-interface/view"));
    }

    [Fact]
    public async Task A_412_to_a_signed_call_is_not_retried_but_its_keys_are_not_used_again()
    {
        Bilibili.RiskControl.RefuseSigned = 412;
        using var refused = await Client.GetAsync("/api/v2/videos/bilibili/BV1rp4y1e745/formats");
        Bilibili.RiskControl.RefuseSigned = null;

        using var next = await Client.GetAsync("/api/v2/videos/bilibili/BV17x411w7KC/formats");

        Assert.Equal(ErrorCodes.UpstreamRefused, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Single(Requested("/x/player/wbi/playurl?bvid=BV1rp4y1e745"));
        Assert.Equal(2, Requested("/x/web-interface/nav").Count);
    }

    [Fact]
    public async Task Ai_dubs_are_audio_tracks_with_their_language_beside_the_original()
    {
        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/bilibili/BV1pR6UB3ENW/formats", ContractJson.Options);

        var audio = formats!.Formats.Where(f => f.HasAudio && !f.HasVideo).ToList();
        Assert.Equal(["original", "en", "ja"], audio.Select(f => f.AudioTrack?.Id).Distinct());
        Assert.All(audio.Where(f => f.AudioTrack!.Id == "original"), f => Assert.True(f.AudioTrack!.IsDefault));
        var english = audio.Where(f => f.AudioTrack!.Language == "en").ToList();
        Assert.Equal(["30216", "30232", "30280"], english.Select(f => f.FormatId));
        Assert.All(english, f => Assert.Equal(("English", false, "dubbed"), (f.AudioTrack!.DisplayName, f.AudioTrack.IsDefault, f.AudioTrack.Kind)));
        Assert.All(english, f => Assert.EndsWith("&lang=en", f.Url));
        Assert.Equal("日本語", audio.First(f => f.AudioTrack!.Language == "ja").AudioTrack!.DisplayName);
        Assert.Equal(["", "en", "ja"], Requested("/x/player/wbi/playurl").Select(Query).Where(q => q.GetValueOrDefault("platform") != "html5").Select(q => q.GetValueOrDefault("cur_language").ToString()).Order());
    }

    [Fact]
    public async Task A_recorded_play_url_answer_gives_its_dash_formats()
    {
        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/bilibili/BV1rp4y1e745/formats", ContractJson.Options);

        var video = formats!.Formats.Where(f => f.HasVideo && !f.HasAudio).ToList();
        Assert.Equal(["80-hevc", "80-avc", "64-hevc", "64-avc", "32-hevc", "32-avc", "16-hevc", "16-avc"], video.Select(f => f.FormatId));
        Assert.Equal((1920, 960), (video[0].Width!.Value, video[0].Height!.Value));
        Assert.StartsWith("https://xy113x200x108x47xy.mcdn.bilivideo.cn:4483/upgcxcode/65/46/244954665/", video[0].Url);
        Assert.Equal(["30232", "30280", "30216"], formats.Formats.Where(f => f.HasAudio && !f.HasVideo).Select(f => f.FormatId));
        Assert.All(formats.Formats.Where(f => f.HasAudio && !f.HasVideo), f => Assert.Null(f.AudioTrack));
        Assert.Equal(FixtureTemplate.ExpiresAt, formats.ExpiresAt);
    }

    [Theory]
    [InlineData("dm_img_list")]
    [InlineData("dm_img_str")]
    [InlineData("dm_cover_img_str")]
    [InlineData("dm_img_inter")]
    [InlineData("web_location")]
    public async Task The_fake_answers_412_to_a_play_url_call_without_one_fingerprint_parameter(string left)
    {
        await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/bilibili/BV1rp4y1e745/formats", ContractJson.Options);
        var sent = Bilibili.Requests.First(r => r.StartsWith("GET /x/player/wbi/playurl?", StringComparison.Ordinal)).Split(' ')[1];
        var cookie = Bilibili.RiskControl.Cookies.First(c => c.Path == "/x/player/wbi/playurl").Cookie;
        using var fake = new HttpClient { BaseAddress = Bilibili.ApiBaseUrl };

        async Task<HttpStatusCode> SendAsync(string pathAndQuery)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
            request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36");
            request.Headers.TryAddWithoutValidation("Origin", "https://www.bilibili.com");
            request.Headers.TryAddWithoutValidation("Referer", "https://www.bilibili.com/");
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
            using var response = await fake.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await SendAsync(sent));
        Assert.Equal((HttpStatusCode)412, await SendAsync(string.Join('&', sent.Split('&').Where(p => !p.StartsWith(left + "=", StringComparison.Ordinal) && !p.Contains("?" + left + "=", StringComparison.Ordinal)))));
    }

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Query(string request) =>
        QueryHelpers.ParseQuery(new Uri("http://x" + request.Split(' ')[1]).Query);
}
